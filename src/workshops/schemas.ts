import { z } from 'zod';

const text = (max = 200) => z.string({ error: 'forms.required' }).trim().min(1, 'forms.required').max(max, 'forms.tooLong');
const optionalText = (max = 200) => z.string().trim().max(max, 'forms.tooLong').optional().transform((v) => v || undefined);
const date = z.string({ error: 'forms.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'forms.date');
const time = z.string({ error: 'forms.required' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'forms.time');
const whole = (min: number, max: number) => z.coerce.number({ error: 'forms.number' }).int('forms.number').min(min, 'forms.number').max(max, 'forms.number');
const list = z.preprocess((v) => (v === undefined || v === '' ? [] : [v].flat()), z.array(z.string()));
const coordinate = (limit: number) => z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'forms.number' }).min(-limit, 'forms.number').max(limit, 'forms.number').optional());

export const gardenSchema = z.object({
  name: text(),
  address: text(300),
  municipality: text(100),
  region: text(100),
  latitude: coordinate(90),
  longitude: coordinate(180),
  rooms: z.string({ error: 'forms.required' }).transform((v) => [...new Set(v.split(/\r?\n|,/).map((r) => r.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(100, 'forms.tooLong')).min(1, 'workshops.roomsRequired')),
  contactName: optionalText(),
  contactEmail: z.string().trim().toLowerCase().max(200).pipe(z.union([z.literal(''), z.email('forms.email')])).optional(),
  contactPhone: optionalText(40),
  coordinatorIds: list,
});
export type GardenInput = z.infer<typeof gardenSchema>;

export const createCohortSchema = z.object({
  gardenId: text(),
  courseSlug: text(),
  title: text(),
  capacity: whole(1, 500),
  participantsPerCompany: whole(1, 20).default(2),
  enrolmentDeadline: date,
  trainerIds: list,
  startDate: date,
  startTime: time.default('16:00'),
  endTime: time.default('19:00'),
  room: text(100),
  minSessionsAttended: whole(0, 20).default(5),
});
export type CreateCohortInput = z.infer<typeof createCohortSchema>;

export const updateCohortSchema = createCohortSchema.pick({
  title: true, capacity: true, participantsPerCompany: true, enrolmentDeadline: true, trainerIds: true, minSessionsAttended: true,
});
export type UpdateCohortInput = z.infer<typeof updateCohortSchema>;

export const sessionChangeSchema = z.object({ sessionId: text(), date, start: time, end: time, room: text(100) });
export type SessionChangeInput = z.infer<typeof sessionChangeSchema>;

export const rescheduleSchema = z.object({
  reason: z.string().trim().max(500, 'forms.tooLong').default(''),
  sessions: z.array(sessionChangeSchema),
});

export const reasonSchema = z.object({ reason: text(500) });

export const enrolByOrgNumberSchema = z.object({ orgNumber: text(20), reason: optionalText(500) });

export const moveCompanySchema = z.object({ targetCohortId: text(), reason: text(500) });
