import { z } from 'zod';
import { ATTENDANCE_STATUSES } from './attendance.model.js';

/** The register's radio groups are named `mark-<accountId>`. */
export const markField = (accountId: string) => `mark-${accountId}`;
const MARK_FIELD = /^mark-([0-9a-f]{24})$/;

/** The register form: one status per participant chosen, and which button was pressed. */
export const saveRegisterSchema = z.record(z.string(), z.unknown())
  .transform((body) => ({
    restPresent: body.intent === 'rest-present',
    marks: Object.entries(body).flatMap(([name, status]) => {
      const accountId = MARK_FIELD.exec(name)?.[1];
      return accountId ? [{ accountId, status }] : [];
    }),
  }))
  .pipe(z.object({
    restPresent: z.boolean(),
    marks: z.array(z.object({ accountId: z.string(), status: z.enum(ATTENDANCE_STATUSES, { error: 'attendance.errors.status' }) })),
  }));
export type SaveRegisterInput = z.infer<typeof saveRegisterSchema>;

/** The check-in form: the code as typed; the service normalises and checks it. */
export const checkInSchema = z.object({
  code: z.string({ error: 'forms.required' }).trim().min(1, 'forms.required').max(20, 'attendance.checkIn.refused.wrongCode'),
});
