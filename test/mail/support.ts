import crypto from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { CalendarChange } from '../../src/workshops/calendar-change.model.js';
import { Cohort, WorkshopSession } from '../../src/workshops/cohort.model.js';
import type { TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { signIn, submitForm, type Agent } from '../support/http.js';
import { createCohortWithForm, makeGarden } from '../workshops/fixtures.js';

/** The text/calendar alternative of an email: the method named in its MIME type, and the calendar itself. */
export function calendarOf(mail: ParsedMail): { mimeType: string; method: string | undefined; text: string } | undefined {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) return undefined;
  const header = part.headers.get('content-type') as { value: string; params: Record<string, string> } | undefined;
  return { mimeType: header?.value ?? part.contentType, method: header?.params.method, text: part.content.toString('utf8') };
}

export const to = (address: string) => (mail: ParsedMail) => JSON.stringify(mail.to ?? '').includes(address);
export const about = (address: string, subject: string) => (mail: ParsedMail) => to(address)(mail) && (mail.subject ?? '').startsWith(subject);

/** The Message-ID header of each received email, as the sink saw them. */
export const messageIds = (t: TestApp) => t.smtp.messages.map((m) => m.messageId ?? '');

export const cohortForm = (gardenId: string, trainerId: string, overrides: Record<string, string> = {}) => ({
  gardenId, courseSlug: 'digital-strategy', title: 'Digital strategi våren 2027', capacity: '20', participantsPerCompany: '2',
  minSessionsAttended: '5', enrolmentDeadline: '2027-03-01', startDate: '2027-03-11', startTime: '16:00', endTime: '19:00',
  room: 'Storsalen', trainerIds: trainerId, ...overrides,
});

/** A coordinator with a garden and a cohort of six sessions, created through the coordinator's pages. */
export async function coordinatorCohort(t: TestApp, overrides: Record<string, string> = {}) {
  const email = `koord-${crypto.randomBytes(3).toString('hex')}@example.no`;
  const coordinator = await makeAccount({ email, roles: ['coordinator'], name: 'Kari "Kaia" Koordinator' });
  const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
  const trainer = await makeAccount({ roles: ['trainer'], name: 'Trond Trener' });
  const agent = await signIn(t.app, email, PASSWORD);
  const created = await createCohortWithForm(agent, cohortForm(String(garden._id), String(trainer._id), overrides));
  if (created.status !== 302) throw new Error(`cohort not created: ${created.status}`);
  const cohort = (await Cohort.findOne({ gardenId: garden._id }).sort({ createdAt: -1 }).lean())!;
  const sessions = await WorkshopSession.find({ cohortId: cohort._id }).sort({ position: 1 }).lean();
  return { coordinator, garden, trainer, agent, cohort, sessions, cohortId: String(cohort._id) };
}

/** A company owner, signed in. */
export async function participant(t: TestApp, options: { name?: string; language?: 'nb' | 'en'; email?: string } = {}) {
  const company = await makeCompany();
  const email = options.email ?? `deltaker-${crypto.randomBytes(3).toString('hex')}@example.no`;
  const user = await makeAccount({ email, name: options.name ?? 'Ola Deltaker', companyId: company._id, language: options.language ?? 'nb' });
  return { company, user, email, agent: await signIn(t.app, email, PASSWORD) };
}

/** Enrols the signed-in person's company from the cohort page. */
export async function enrolFromPage(agent: Agent, cohortId: string) {
  const response = await submitForm(agent, `/workshops/${cohortId}`, {}, `/workshops/${cohortId}/enrol`);
  if (response.status !== 302) throw new Error(`enrolment failed: ${response.status}`);
}

/** Resolves once the fan-out has told every recorded calendar change (it runs beside the request, not in it). */
export async function changesTold(timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await CalendarChange.countDocuments()) > 0) {
    if (Date.now() > deadline) throw new Error('calendar changes still untold');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
