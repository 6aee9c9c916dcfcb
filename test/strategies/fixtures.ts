import type { Express } from 'express';
import type { Types } from 'mongoose';
import zlib from 'node:zlib';
import { AttendanceMark } from '../../src/attendance/attendance.model.js';
import { STRATEGY_SECTIONS, type StrategySection } from '../../src/strategies/sections.js';
import { Cohort, WorkshopSession } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { csrfFrom, signIn, type Agent } from '../support/http.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';

const DAY_MS = 86_400_000;
const MODULES = ['digital-opportunities', 'being-found-online', 'social-media-and-content', 'e-commerce-and-digital-sales', 'digital-tools-and-cloud', 'your-digital-strategy'];

/** Six weekly sessions of a cohort, the last one ending `endedDaysAgo` days ago (negative: in the future). */
export async function makeSessions(cohort: { _id: Types.ObjectId; gardenId: Types.ObjectId }, endedDaysAgo = 1) {
  return WorkshopSession.insertMany(MODULES.map((moduleSlug, i) => {
    const startsAt = new Date(Date.now() - (endedDaysAgo + (5 - i) * 7) * DAY_MS - 3 * 3_600_000);
    return { cohortId: cohort._id, gardenId: cohort.gardenId, moduleSlug, position: i + 1, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), room: 'Storsalen' };
  }));
}

/** A company enrolled in a cohort (holding a seat) with one or two participants. */
export async function enrolledCompany(cohortId: Types.ObjectId, options: { name?: string; colleague?: boolean; language?: 'nb' | 'en' } = {}) {
  const company = await makeCompany({ name: options.name });
  const owner = await makeAccount({ companyId: company._id, name: `Eier ${company.name}`, language: options.language });
  const colleague = options.colleague ? await makeAccount({ companyId: company._id, name: `Kollega ${company.name}`, language: 'en' }) : undefined;
  await Enrolment.create({ cohortId, companyId: company._id, status: 'enrolled', participantIds: [owner._id, ...(colleague ? [colleague._id] : [])] });
  return { company, owner, colleague };
}

/**
 * A garden with its coordinator, a cohort with its trainer and six past sessions,
 * and one enrolled company: the cast of most strategy tests.
 */
export async function cohortWorld(options: { endedDaysAgo?: number; minSessionsAttended?: number } = {}) {
  const coordinator = await makeAccount({ roles: ['coordinator'], name: 'Kari Koordinator' });
  const trainer = await makeAccount({ roles: ['trainer'], name: 'Trond Trener' });
  const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
  const cohort = await makeCohort({ gardenId: garden._id, trainerIds: [trainer._id], title: 'Digital strategi høsten 2026' });
  if (options.minSessionsAttended !== undefined) await Cohort.updateOne({ _id: cohort._id }, { minSessionsAttended: options.minSessionsAttended });
  const sessions = await makeSessions(cohort, options.endedDaysAgo ?? 1);
  const { company, owner, colleague } = await enrolledCompany(cohort._id, { name: 'Fjellbakeriet AS', colleague: true });
  return { coordinator, trainer, garden, cohort, sessions, company, owner, colleague: colleague! };
}

/** Marks a participant present at the first `count` sessions, straight into the attendance model. */
export async function markPresent(sessions: Array<{ _id: Types.ObjectId; cohortId: Types.ObjectId }>, person: { _id: Types.ObjectId; companyId?: Types.ObjectId | null }, count: number, by: Types.ObjectId) {
  await AttendanceMark.insertMany(sessions.slice(0, count).map((s) => ({
    sessionId: s._id, cohortId: s.cohortId, companyId: person.companyId, accountId: person._id, status: 'present', via: 'register', markedBy: by, markedAt: new Date(),
  })));
}

export const agentFor = (app: Express, account: { email: string }) => signIn(app, account.email, PASSWORD);

/** Posts a form from a page the agent may open; the token comes from that page. */
export async function post(agent: Agent, pagePath: string, action: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(pagePath);
  const token = csrfFrom(page.text);
  return agent.post(action).type('form').send({ ...fields, _csrf: token });
}

/** Starts (or finds) the company's strategy for a cohort and returns its id. */
export async function startStrategy(agent: Agent, cohortId: Types.ObjectId): Promise<string> {
  const response = await post(agent, '/strategy', '/strategy/start', { cohortId: String(cohortId) });
  const match = /\/strategies\/([0-9a-f]{24})/.exec(response.headers.location ?? '');
  if (!match) throw new Error(`could not start the strategy: ${response.status} ${response.text.slice(0, 300)}`);
  return match[1]!;
}

/** Saves one section through its form. */
export const saveSection = (agent: Agent, strategyId: string, section: string, fields: Record<string, string>) =>
  post(agent, '/dashboard', `/strategies/${strategyId}/sections/${section}`, fields);

/** One short answer per section: the least a complete strategy holds. */
export const ONE_ANSWER_EACH: Record<StrategySection, Record<string, string>> = {
  'current-situation': { customers: 'Hyttefolk og turister om sommeren.' },
  'visibility-objectives': { listings: 'Google-profilen mangler åpningstider.' },
  'channels-content': { channels: 'Facebook, fordi kundene våre er der.' },
  'sales-ecommerce': { step: 'Forhåndsbestilling på nett med henting i butikken.' },
  'tools-security': { tools: 'Felles kalender og regnskap i skyen.' },
  'action-plan': { intro: 'Flere bestillinger på nett innen sommeren.' },
};

/** Writes every section through its form, except those named in `skip`; the CSRF token is read once for all. */
export async function writeSections(agent: Agent, strategyId: string, skip: StrategySection[] = []) {
  const token = csrfFrom((await agent.get(`/strategies/${strategyId}`)).text);
  for (const section of STRATEGY_SECTIONS.filter((s) => !skip.includes(s))) {
    const response = await agent.post(`/strategies/${strategyId}/sections/${section}`).type('form').send({ ...ONE_ANSWER_EACH[section], _csrf: token });
    if (response.status !== 302) throw new Error(`could not save ${section}: ${response.status}`);
  }
}

/** The text a PDF shows: its content streams inflated and the hex strings of TJ/Tj operators decoded (WinAnsi ≈ Latin-1). */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const pattern = /(?<!end)stream\r?\n/g;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    try {
      streams.push(zlib.inflateSync(bytes).toString('latin1'));
    } catch {
      streams.push(bytes.toString('latin1'));
    }
    pattern.lastIndex = end + 'endstream'.length;
  }
  return streams.join('\n').split('\n').filter((line) => /T[Jj]$/.test(line.trim())).map((line) =>
    [...line.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => fromWinAnsi(Buffer.from(m[1]!, 'hex'))).join('')).join('\n');
}

// WinAnsi differs from Latin-1 only in 0x80–0x9F; these are the signs Norwegian text uses there.
const WIN_ANSI_HIGH: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };
const fromWinAnsi = (bytes: Buffer) => [...bytes].map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join('');
