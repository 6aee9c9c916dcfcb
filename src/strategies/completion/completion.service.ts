import crypto from 'node:crypto';
import type { Types } from 'mongoose';
import type { AccountView } from '../../accounts/index.js';
import { companyCard, contactsOfCompany, namesByIds } from '../../accounts/queries.js';
import type { CourseCatalogue } from '../../courses/index.js';
import { modulesDoneByAnyOf } from '../../courses/queries.js';
import { insertOrReadWinner } from '../../shared/db/claims.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { enrolmentOf, gardenById } from '../../workshops/queries.js';
import { assertCanSeeStrategy, assertCompany, type StrategyAccess } from '../access.js';
import { meetsAttendanceRule } from './attendance-rule.js';
import { Certificate, type CertificateDoc } from './certificate.model.js';
import type { StrategyDoc } from '../strategy.model.js';

/** Where a company stands against completion: attendance (cohort) or all modules (self-paced), and approval. */
export interface Completion {
  kind: 'cohort' | 'course';
  /** The cohort's attendance rule, or for self-paced: every module done by someone in the company. */
  participationMet: boolean;
  approved: boolean;
  complete: boolean;
}

/** A certificate as its pages show it. */
export type CertificateView = Pick<CertificateDoc, 'publicId' | 'companyName' | 'courseSlug' | 'cohortTitle' | 'gardenName' | 'names' | 'issuedAt'>;

/** 128 random bits: the certificate's public address cannot be guessed from another. */
const newPublicId = () => crypto.randomBytes(16).toString('hex');
// A lost insert with no certificate to read means the 128-bit public id collided; a second draw cannot plausibly collide too.
const ISSUE_ATTEMPTS = 2;

/** Completion of a company's course and its certificate. */
export function createCompletionService(deps: { catalogue: CourseCatalogue; now: () => Date }) {
  /** Whether every module of the course is marked done by at least one person of the company. */
  async function allModulesDone(companyId: Types.ObjectId, courseSlug: string): Promise<boolean> {
    const modules = deps.catalogue.moduleSlugs(courseSlug);
    if (modules.length === 0) return false;
    const people = await contactsOfCompany(companyId);
    const done = await modulesDoneByAnyOf(people.map((p) => p.id), courseSlug, modules);
    return done.length === modules.length;
  }

  async function completionOf(strategy: StrategyDoc): Promise<Completion> {
    const kind = strategy.cohortId ? 'cohort' : 'course';
    const participationMet = strategy.cohortId
      ? await meetsAttendanceRule(strategy.cohortId, strategy.companyId)
      : await allModulesDone(strategy.companyId, strategy.courseSlug);
    const approved = strategy.status === 'approved';
    return { kind, participationMet, approved, complete: participationMet && approved };
  }

  /** The names a new certificate carries: the cohort's listed participants, else everyone in the company. */
  async function defaultNames(access: StrategyAccess): Promise<string[]> {
    const { strategy } = access;
    const enrolment = strategy.cohortId ? await enrolmentOf(strategy.cohortId, strategy.companyId) : undefined;
    const names = enrolment?.participantIds.length
      ? [...(await namesByIds(enrolment.participantIds)).values()]
      : (await contactsOfCompany(strategy.companyId, 'participant')).map((person) => person.name);
    // By name in binary order, as the database sorted them before, not by locale.
    return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Issues the certificate of a complete strategy; a second call (or a concurrent one) returns the same. */
  async function issue(access: StrategyAccess): Promise<CertificateDoc> {
    const { strategy, cohort } = access;
    const existing = await Certificate.findOne({ strategyId: strategy._id }).lean();
    if (existing) return existing;
    if (!(await completionOf(strategy)).complete) throw new ConflictError('strategies.certificate.notComplete');
    const [company, garden, names] = await Promise.all([
      companyCard(strategy.companyId),
      cohort ? gardenById(cohort.gardenId) : undefined,
      defaultNames(access),
    ]);
    // One certificate per strategy (unique index): a concurrent first view that stored first is the certificate.
    const { value } = await insertOrReadWinner(async () => (await Certificate.create({
      strategyId: strategy._id, companyId: strategy.companyId, publicId: newPublicId(), companyName: company?.name ?? '',
      courseSlug: strategy.courseSlug, cohortTitle: cohort?.title, gardenName: garden?.name, names, issuedAt: deps.now(),
    })).toObject(), () => Certificate.findOne({ strategyId: strategy._id }).lean(), ISSUE_ATTEMPTS);
    return value;
  }

  return {
    completionOf,
    allModulesDone,

    /** Issues the certificate of a complete strategy (for the demo seed and the certificate page). */
    async issueCertificate(actor: AccountView, strategyId: string): Promise<CertificateDoc> {
      return issue(await assertCanSeeStrategy(actor, strategyId));
    },

    /** The certificate page: completion, and the certificate once complete (issued on first view). */
    async certificatePage(actor: AccountView, strategyId: string) {
      const access = await assertCanSeeStrategy(actor, strategyId);
      const completion = await completionOf(access.strategy);
      const issued = await Certificate.findOne({ strategyId: access.strategy._id }).lean();
      const certificate = issued ?? (completion.complete ? await issue(access) : undefined);
      return { access, completion, certificate };
    },

    /** The company changes the names printed on its certificate. */
    async updateNames(actor: AccountView, strategyId: string, names: string[]): Promise<void> {
      const access = await assertCanSeeStrategy(actor, strategyId);
      assertCompany(access);
      const updated = await Certificate.updateOne({ strategyId: access.strategy._id }, { $set: { names } });
      if (updated.matchedCount === 0) throw new NotFoundError();
    },

    /** A certificate by its public id, for anyone verifying it; 404 when there is none. */
    async verify(publicId: string): Promise<CertificateDoc> {
      const certificate = /^[0-9a-f]{32}$/.test(publicId) ? await Certificate.findOne({ publicId }).lean() : null;
      if (!certificate) throw new NotFoundError();
      return certificate;
    },
  };
}

export type CompletionService = ReturnType<typeof createCompletionService>;
