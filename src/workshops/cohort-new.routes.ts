import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import type { CourseCatalogue } from '../courses/index.js';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { renderInvalid } from '../shared/http/forms.js';
import { requireRole } from '../shared/http/guards.js';
import { formatDateTime, NORWAY_ZONE } from '../shared/i18n/format.js';
import type { Language } from '../shared/i18n/index.js';
import { assertManagesGarden } from './access.js';
import type { CohortsService } from './cohorts.service.js';
import { accountsWithRole } from './gardens.service.js';
import type { CohortPreview } from './preview.js';
import type { SkippedDay } from './schedule.js';
import { defaultStartDate } from './schedule.js';
import { createCohortSchema } from './schemas.js';

const asList = (value: unknown) => (value === undefined || value === '' ? [] : [value].flat().map(String));

/** A skipped day as people read it: "25. mars 2027 (Skjærtorsdag)". */
export const skippedDay = (s: SkippedDay, lang: Language) =>
  `${formatDateTime(DateTime.fromISO(s.date, { zone: NORWAY_ZONE }).toJSDate(), lang, 'd. MMMM yyyy')} (${s.holiday})`;

/**
 * The new-cohort form, which works without JavaScript in two steps: "Preview dates"
 * shows the six proposed afternoons and the holidays skipped, checked as creating
 * would check them; "Create" stores the cohort as a draft with exactly those dates.
 */
export function newCohortRoutes(deps: { cohorts: CohortsService; catalogue: CourseCatalogue; now: () => Date }): Router {
  const router = Router();
  const managers = requireRole('coordinator', 'admin');

  async function renderForm(req: Request, res: Response, gardenId: string, values: Record<string, unknown>, extra: { error?: unknown; preview?: CohortPreview; datesChanged?: boolean } = {}) {
    const garden = await assertManagesGarden(req.account!, gardenId);
    // One ticked checkbox arrives as a string: as a list, it stays ticked when the form comes back.
    const kept = { ...values, trainerIds: asList(values.trainerIds) };
    const context = {
      garden: { id: String(garden._id), name: garden.name, rooms: garden.rooms },
      courses: deps.catalogue.list(req.lang), trainers: await accountsWithRole('trainer'),
      preview: extra.preview && {
        key: extra.preview.key, sessions: extra.preview.sessions,
        skipped: extra.preview.skipped.map((s) => skippedDay(s, req.lang)),
      },
      datesChanged: extra.datesChanged,
    };
    if (extra.error) return renderInvalid(req, res, 'workshops/cohort-new', extra.error, kept, context);
    res.render('workshops/cohort-new', { ...context, values: kept });
  }

  router.get('/cohorts/new', ...managers, async (req, res) => {
    const start = DateTime.fromISO(defaultStartDate(deps.now()), { zone: NORWAY_ZONE });
    await renderForm(req, res, String(req.query.garden ?? ''), {
      startDate: start.toISODate(), enrolmentDeadline: start.minus({ weeks: 1 }).toISODate(), startTime: '16:00', endTime: '19:00',
      capacity: 20, participantsPerCompany: 2, minSessionsAttended: 5, courseSlug: 'digital-strategy',
    });
  });

  router.post('/cohorts', ...managers, async (req, res) => {
    const values = req.body as Record<string, unknown>;
    const gardenId = String(values.gardenId ?? '');
    try {
      const input = parseForm(createCohortSchema, values);
      const preview = await deps.cohorts.previewCohort(req.account!, input);
      // Create only what was previewed: changed dates or times are shown again first.
      if (values.intent !== 'create' || values.previewed !== preview.key) {
        return await renderForm(req, res, gardenId, values, { preview, datesChanged: values.intent === 'create' });
      }
      const { cohortId, skipped } = await deps.cohorts.createCohort(req.account!, input);
      flash(req, 'success', 'workshops.cohortForm.created');
      if (skipped.length) flash(req, 'info', 'workshops.cohortForm.skipped', { days: skipped.map((s) => skippedDay(s, req.lang)).join(', ') });
      res.redirect(`/cohorts/${cohortId}/manage`);
    } catch (error) {
      await renderForm(req, res, gardenId, values, { error });
    }
  });

  return router;
}
