import type { Types } from 'mongoose';
import { namesByIds } from '../accounts/queries.js';
import { insertOnce } from '../shared/db/claims.js';
import { NotFoundError } from '../shared/errors.js';
import type { EnrolmentService } from '../workshops/index.js';
import { cohortById, gardenById } from '../workshops/queries.js';
import { ImportJob, ImportJobClaim, ImportRow, type ImportJobDoc } from './import.model.js';
import { importRow, RowFailure, type RowContext, type RowValues } from './import-row.js';
import type { Invite } from './invite.js';
import { type Id, idOrNotFound } from '../shared/db/ids.js';

/** A worker whose heartbeat is older than this is taken to be gone, and its job may be resumed. */
export const STALE_AFTER_MS = 30_000;
const HEARTBEAT_MS = 5_000;


/** The right to work on a job, held by one worker at a time: the job and the claimed attempt. */
export interface ImportLease {
  jobId: Types.ObjectId;
  attempt: number;
}

export interface RunDeps {
  enrolment: EnrolmentService;
  now: () => Date;
  invite?: Invite;
}

/** The most recent claim on a job, if it was ever confirmed. */
export async function lastClaim(jobId: Id) {
  return ImportJobClaim.findOne({ jobId }).sort({ attempt: -1 }).lean();
}

/** True when a confirmed job is unfinished and nobody works on it: it failed, or its worker stopped beating. */
export function isStalled(job: Pick<ImportJobDoc, 'status' | 'heartbeatAt'>, claim: { claimedAt: Date } | null, now: Date): boolean {
  if (!claim || job.status === 'done') return false;
  if (job.status === 'failed') return true;
  const lastSign = Math.max(job.heartbeatAt?.getTime() ?? 0, claim.claimedAt.getTime());
  return now.getTime() - lastSign > STALE_AFTER_MS;
}

/**
 * Claims a job for a worker by inserting the next claim number: 1 to confirm a
 * previewed job, the next one to resume a stalled job. Of concurrent claims one
 * insert wins; the others, and claims on jobs that need none, get undefined.
 */
export async function claimImport(jobId: Id, now: Date, actorId?: Id): Promise<ImportLease | undefined> {
  const job = await ImportJob.findById(idOrNotFound(jobId)).lean();
  if (!job) throw new NotFoundError();
  const claim = await lastClaim(job._id);
  const startable = job.status === 'preview' && !claim;
  if (!startable && !isStalled(job, claim, now)) return undefined;
  const attempt = (claim?.attempt ?? 0) + 1;
  if (!(await insertOnce(() => ImportJobClaim.create({ jobId: job._id, attempt, claimedBy: actorId ?? job.createdBy, claimedAt: now })))) return undefined;
  await ImportJob.updateOne({ _id: job._id }, { $set: { status: 'running', attempt, heartbeatAt: now, startedAt: job.startedAt ?? now } });
  return { jobId: job._id, attempt };
}

/** What every line of a job needs: the cohort, who imports, and where new companies are. */
async function contextFor(jobId: Types.ObjectId, deps: RunDeps) {
  const job = await ImportJob.findById(jobId).lean();
  const cohort = job && await cohortById(job.cohortId);
  if (!job || !cohort) throw new NotFoundError();
  const [garden, names] = await Promise.all([gardenById(cohort.gardenId), namesByIds([job.createdBy])]);
  const row: RowContext = { cohortId: job.cohortId, actorId: job.createdBy, defaultMunicipality: garden?.municipality ?? '', enrolment: deps.enrolment };
  return { row, inviterName: names.get(String(job.createdBy)) ?? '' };
}

type JobContext = Awaited<ReturnType<typeof contextFor>>;

/** Imports one pending line and records its state; a line that cannot be imported is marked failed with the reason. */
async function processRow(row: RowValues & { _id: Types.ObjectId }, context: JobContext, deps: RunDeps) {
  try {
    const outcome = await importRow(row, context.row);
    // An email that cannot be sent does not undo the import: the person can still use "forgot password".
    const invitation = deps.invite?.(outcome.person, { companyName: outcome.companyName, inviterName: context.inviterName });
    const invited = (await invitation?.catch(() => false)) ?? false;
    const { person: _person, companyName: _name, ...stored } = outcome;
    await ImportRow.updateOne({ _id: row._id }, { $set: { ...stored, invited, state: 'done' } });
  } catch (error) {
    if (!(error instanceof RowFailure)) throw error;
    await ImportRow.updateOne({ _id: row._id }, { $set: { state: 'failed', failure: { level: 'error', key: error.key, params: error.params } } });
  }
}

/**
 * The worker: imports the job's pending lines in file order while it holds the
 * lease, beating a heartbeat, and marks the job done when none are left.
 * `maxRows` stops early, leaving the job running (tests use it to play a crash).
 * An unexpected error marks the job failed, so it can be resumed.
 */
export async function processRows(lease: ImportLease, deps: RunDeps, options: { maxRows?: number } = {}): Promise<'done' | 'stopped' | 'lost'> {
  const stillMine = async () => (await ImportJob.findById(lease.jobId, { attempt: 1 }).lean())?.attempt === lease.attempt;
  const beat = () => ImportJob.updateOne({ _id: lease.jobId, attempt: lease.attempt }, { $set: { heartbeatAt: deps.now() } });
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_MS);
  timer.unref();
  try {
    const context = await contextFor(lease.jobId, deps);
    const pending = await ImportRow.find({ jobId: lease.jobId, state: 'pending' }).sort({ line: 1 }).lean();
    for (const [index, row] of pending.entries()) {
      if (options.maxRows !== undefined && index >= options.maxRows) return 'stopped';
      if (!(await stillMine())) return 'lost';
      await processRow(row, context, deps);
      await beat();
    }
    if (!(await stillMine())) return 'lost';
    await ImportJob.updateOne({ _id: lease.jobId }, { $set: { status: 'done', finishedAt: deps.now(), heartbeatAt: deps.now() } });
    return 'done';
  } catch (error) {
    if (await stillMine().catch(() => false)) await ImportJob.updateOne({ _id: lease.jobId }, { $set: { status: 'failed' } }).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(timer);
  }
}
