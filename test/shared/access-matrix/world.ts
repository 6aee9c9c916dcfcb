import crypto from 'node:crypto';
import type { Express } from 'express';
import { issueLink } from '../../../src/accounts/one-time-links.js';
import { rotateFeedToken } from '../../../src/calendar/feed-tokens.js';
import { OutboxMessage } from '../../../src/mail/outbox.model.js';
import { storeMaterial } from '../../../src/materials/materials.service.js';
import { Certificate } from '../../../src/strategies/completion/certificate.model.js';
import { makeAccount, PASSWORD } from '../../support/fixtures.js';
import { csrfFrom, newAgent, signIn, type Agent } from '../../support/http.js';
import { previewCsv, csv } from '../../imports/support.js';
import { pdf } from '../../materials/support/samples.js';
import { enrolledCompany, makeSessions, post, saveSection, startStrategy } from '../../strategies/fixtures.js';
import { makeCohort, makeGarden } from '../../workshops/fixtures.js';

/** Who asks: one signed-in account per role the matrix knows, and a visitor. */
export const ROLES = ['anonymous', 'participant', 'otherParticipant', 'trainer', 'otherTrainer', 'coordinator', 'otherCoordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A browser for one role, with the CSRF token its session's forms carry. */
export interface Caller { agent: Agent; token: string }

const COURSE = 'digital-strategy';
const MODULE = 'digital-opportunities';

/** A visitor's browser with a session and a form token, as the login page gives one. */
export async function visitor(app: Express): Promise<Caller> {
  const agent = newAgent(app);
  const page = await agent.get('/login');
  return { agent, token: csrfFrom(page.text) };
}

/** A signed-in browser for the account, and the token its pages carry (the header's log-out form). */
export async function signedIn(app: Express, email: string): Promise<Caller> {
  const agent = await signIn(app, email, PASSWORD);
  const page = await agent.get('/profile');
  return { agent, token: csrfFrom(page.text) };
}

/**
 * One world every route is asked about: garden G (coordinator) with a published cohort
 * (trainer, six past sessions) in which company A (participant) is enrolled, with a cohort
 * strategy that has a version, a self-paced strategy (so the garden's coordinator names its
 * reviewer), a certificate, the trainer's course materials (so the garden's coordinator may
 * delete them), a failed email of the garden and an import job; and an "other" garden, cohort and company
 * (otherCoordinator, otherTrainer, otherParticipant) that have no part in any of it.
 */
export async function buildWorld(app: Express) {
  const [coordinator, otherCoordinator, trainer, otherTrainer, admin, bystander] = await Promise.all([
    makeAccount({ roles: ['coordinator'], name: 'Kari Koordinator' }),
    makeAccount({ roles: ['coordinator'], name: 'Annen Koordinator' }),
    makeAccount({ roles: ['trainer'], name: 'Trond Trener' }),
    makeAccount({ roles: ['trainer'], name: 'Annen Trener' }),
    makeAccount({ roles: ['admin'], name: 'Ada Admin' }),
    makeAccount({ name: 'Bente Bystander' }),
  ]);
  const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
  const otherGarden = await makeGarden({ coordinatorIds: [otherCoordinator._id] });
  const cohort = await makeCohort({ gardenId: garden._id, trainerIds: [trainer._id], title: 'Digital strategi høsten 2026' });
  const otherCohort = await makeCohort({ gardenId: otherGarden._id, trainerIds: [otherTrainer._id], title: 'Digital strategi i nabohagen' });
  const sessions = await makeSessions(cohort, 1);
  await makeSessions(otherCohort, 1);
  const { company, owner: participant } = await enrolledCompany(cohort._id, { name: 'Fjellbakeriet AS' });
  const { company: otherCompany, owner: otherParticipant } = await enrolledCompany(otherCohort._id, { name: 'Nabobakeriet AS' });

  const accounts: Record<Exclude<Role, 'anonymous'>, { email: string }> = { participant, otherParticipant, trainer, otherTrainer, coordinator, otherCoordinator, admin };
  const entries = await Promise.all(Object.entries(accounts).map(async ([role, account]) => [role, await signedIn(app, account.email)] as const));
  const callers = Object.fromEntries([['anonymous', await visitor(app)], ...entries]) as Record<Role, Caller>;

  // The company's strategies, made as the company makes them: a cohort strategy with one saved version, and a self-paced one.
  const own = callers.participant.agent;
  const strategyId = await startStrategy(own, cohort._id);
  await saveSection(own, strategyId, 'current-situation', { customers: 'Hyttefolk om sommeren.' });
  await post(own, '/courses', `/courses/${COURSE}/enrolment`, {});
  const selfPaced = await post(own, '/strategy', '/strategy/start', { courseSlug: COURSE });
  const selfPacedStrategyId = /\/strategies\/([0-9a-f]{24})/.exec(selfPaced.headers.location ?? '')?.[1];
  if (!selfPacedStrategyId) throw new Error(`self-paced strategy not started: ${selfPaced.status}`);
  await saveSection(callers.otherParticipant.agent, await startStrategy(callers.otherParticipant.agent, otherCohort._id), 'current-situation', { customers: 'Naboer.' });

  const certificate = await Certificate.create({
    strategyId, companyId: company._id, publicId: crypto.randomBytes(16).toString('hex'), companyName: company.name,
    courseSlug: COURSE, cohortTitle: cohort.title, gardenName: garden.name, names: [participant.name], issuedAt: new Date(),
  });
  const material = () => storeMaterial({ title: 'Lysark', courseSlug: COURSE, moduleSlug: MODULE, originalName: 'lysark.pdf', bytes: pdf(), uploadedBy: String(trainer._id) });
  const materialId = (await material()).id;
  // One material per role for the row that deletes one, so each role's answer is about a material that exists.
  const materialIds = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, (await material()).id] as const))) as Record<Role, string>;
  const failedMail = await OutboxMessage.create({
    key: `matrix:${crypto.randomUUID()}`, messageId: `<${crypto.randomUUID()}@test>`, template: 'enrolment-confirmed', to: participant.email,
    language: 'nb', subject: 'Påmeldt', text: 'Påmeldt', html: '<p>Påmeldt</p>', status: 'failed', attempts: 3,
    notBefore: new Date(), nextAttemptAt: new Date(), gardenId: garden._id, cohortId: cohort._id, companyId: company._id,
  });
  // An import whose only line has an error: confirming it runs a job that adds no one.
  const job = await previewCsv(callers.coordinator.agent, cohort._id, csv([['orgnr', 'bedrift', 'navn', 'e-post'], ['123456789', 'Feil AS', 'Per', 'per@feil.no']]));

  const now = new Date();
  return {
    callers,
    emails: Object.fromEntries(Object.entries(accounts).map(([role, account]) => [role, account.email])) as Record<Exclude<Role, 'anonymous'>, string>,
    ids: {
      cohortId: String(cohort._id), otherCohortId: String(otherCohort._id), sessionId: String(sessions[0]!._id),
      companyId: String(company._id), otherCompanyId: String(otherCompany._id), gardenId: String(garden._id),
      strategyId, selfPacedStrategyId, materialId, materialIds, outboxId: String(failedMail._id), jobId: job.jobId,
      publicId: certificate.publicId, bystanderId: String(bystander._id), trainerId: String(trainer._id),
      course: COURSE, module: MODULE, section: 'current-situation', version: '1', stage: 'T0', lang: 'en',
      resetSecret: await issueLink(participant._id, 'reset', 60, now),
      emailSecret: await issueLink(participant._id, 'email', 60, now, 'ny-adresse@example.no'),
      personFeed: (await rotateFeedToken(participant._id, 'person')).replace(/^\/feeds\/|\.ics$/g, ''),
      gardenFeed: (await rotateFeedToken(coordinator._id, 'garden', garden._id)).replace(/^\/feeds\/garden\/|\.ics$/g, ''),
    },
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
