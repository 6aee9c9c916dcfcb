import { Types } from 'mongoose';
import { accountsPersonalData } from '../accounts/index.js';
import { companyCard } from '../accounts/queries.js';
import { unlessTaken } from '../shared/db/claims.js';
import { dropCachedValues } from '../shared/db/fresh-cache.js';
import { ConflictError } from '../shared/errors.js';
import { removeSessionsOf, type DatabaseSessionStore } from '../shared/http/session-store.js';
import type { Erasure } from '../shared/personal-data.js';
import { cohortsTaughtBy, gardenIdsCoordinatedBy } from '../workshops/queries.js';
import { ErasureRequest } from './erasure.model.js';
import { HOLDER_NAMES, holders, type HolderName } from './holders.js';

/** Every step of an erasure, in order: each component's, then signing out everywhere, then the caches. */
const STEPS = [...HOLDER_NAMES, 'sessions', 'caches'] as const;
type Step = HolderName | 'sessions' | 'caches';

export interface ErasureDeps {
  /** The session store, so the person is signed out on every device and no session list names them. */
  sessions: Pick<DatabaseSessionStore, 'collection' | 'index'>;
  now: () => Date;
  /** Called after each step is done and before it is recorded; tests stop an erasure here to play a crash. */
  afterStep?: (step: Step) => void | Promise<void>;
}

/** What deleting the account would do, or why it cannot be deleted yet. */
export interface ErasurePlan {
  eraseCompany: boolean;
  companyName?: string;
  colleagues: number;
  /** Staff posts held: the account cannot go until they are handed over. */
  cohortsTaught: number;
  gardensCoordinated: number;
  lastAdmin: boolean;
}

type StoredRequest = Omit<Erasure, 'personId'> & { _id: string; remaining: string[] };

/**
 * A person's erasure of their own account (and of their company, when they are its last person).
 * Crash-safe without transactions: the request is stored first, each step is idempotent and is
 * struck off after it is done, and the request is deleted at the end. A restart finishes every
 * request left behind (finishUnfinished). Two requests for one person share one stored request.
 */
export function createErasureService(deps: ErasureDeps) {
  /** Staff who still teach cohorts or coordinate gardens, and the last administrator, are refused (see the README). */
  async function plan(personId: string): Promise<ErasurePlan> {
    const subject = await accountsPersonalData.subjectOf(personId);
    const [company, colleagues, cohorts, gardens, otherAdmins] = await Promise.all([
      subject.companyId ? companyCard(subject.companyId) : undefined,
      subject.companyId ? accountsPersonalData.colleaguesOf(personId, subject.companyId) : 0,
      cohortsTaughtBy(personId), gardenIdsCoordinatedBy(personId),
      subject.roles.includes('admin') ? accountsPersonalData.otherAdmins(personId) : 1,
    ]);
    return {
      eraseCompany: subject.companyId !== undefined && colleagues === 0, companyName: company?.name, colleagues,
      cohortsTaught: cohorts.length, gardensCoordinated: gardens.length, lastAdmin: otherAdmins === 0,
    };
  }

  function assertMayErase(p: ErasurePlan): void {
    if (p.cohortsTaught > 0 || p.gardensCoordinated > 0) throw new ConflictError('privacy.erase.stillStaff', { cohorts: p.cohortsTaught, gardens: p.gardensCoordinated });
    if (p.lastAdmin) throw new ConflictError('privacy.erase.lastAdmin');
  }

  /** Stores the request, or reads the one another request stored first; undefined when the erasure is already done. */
  async function record(personId: string, p: ErasurePlan): Promise<StoredRequest | undefined> {
    const subject = await accountsPersonalData.subjectOf(personId);
    const request = {
      _id: personId, name: subject.name, email: subject.email, companyId: subject.companyId, companyName: subject.companyName, eraseCompany: p.eraseCompany,
      standIn: { personId: String(new Types.ObjectId()), companyId: String(new Types.ObjectId()) },
      remaining: [...STEPS], requestedAt: deps.now(),
    };
    const stored = await unlessTaken(async () => {
      await ErasureRequest.create(request);
      return request;
    }, async () => (await ErasureRequest.findById(personId).lean<StoredRequest>()) ?? undefined);
    if (stored !== request) return stored;
    // Stored by this call: if an earlier erasure finished between the checks and the insert, the account is gone.
    try {
      await accountsPersonalData.subjectOf(personId);
      return stored;
    } catch {
      await ErasureRequest.deleteOne({ _id: personId });
      return undefined;
    }
  }

  async function runStep(step: Step, erasure: Erasure): Promise<void> {
    if (step === 'sessions') {
      await removeSessionsOf(deps.sessions.collection, erasure.personId);
      await deps.sessions.index.forget(erasure.personId);
    }
    else if (step === 'caches') {
      // Cache scopes name people and companies (e.g. `participant:<id>`, `company:<id>`).
      await dropCachedValues(erasure.personId);
      if (erasure.companyId && erasure.eraseCompany) await dropCachedValues(erasure.companyId);
    }
    else await holders()[step].erasePerson(erasure);
  }

  /**
   * Runs the steps still to do and deletes the request. `finished` is true for the one run that
   * deleted it. Two runs of one request may overlap: every step is idempotent, and a struck-off
   * step that a concurrent write puts back (FerretDB updates are a read, then a write) only runs again.
   */
  async function run(request: StoredRequest): Promise<{ finished: boolean }> {
    const { _id: personId, remaining: _remaining, ...rest } = request;
    const erasure: Erasure = { ...rest, personId, companyId: rest.companyId ?? undefined, companyName: rest.companyName ?? undefined };
    let remaining = [...request.remaining];
    for (const step of STEPS.filter((s) => remaining.includes(s))) {
      await runStep(step, erasure);
      await deps.afterStep?.(step);
      remaining = remaining.filter((s) => s !== step);
      await ErasureRequest.updateOne({ _id: personId }, { $set: { remaining } });
    }
    const { deletedCount } = await ErasureRequest.deleteOne({ _id: personId });
    return { finished: deletedCount === 1 };
  }

  return {
    plan,

    /** Deletes the signed-in person's account once their password is confirmed; refused for staff with posts and the last admin. */
    async eraseOwnAccount(personId: string, password: string): Promise<{ finished: boolean }> {
      await accountsPersonalData.assertOwnPassword(personId, password, 'password');
      return this.erase(personId);
    },

    /** Erases the person (no password asked: callers have checked who asks). */
    async erase(personId: string): Promise<{ finished: boolean }> {
      const p = await plan(personId);
      assertMayErase(p);
      const request = await record(personId, p);
      return request ? run(request) : { finished: false };
    },

    /**
     * Finishes every erasure a stopped process left unfinished: run at start-up. The request
     * collection holds only erasures under way, so reading it whole reads a handful of documents.
     */
    async finishUnfinished(): Promise<number> {
      const requests = await ErasureRequest.find({}).lean<StoredRequest[]>();
      for (const request of requests) await run(request);
      return requests.length;
    },
  };
}

export type ErasureService = ReturnType<typeof createErasureService>;
