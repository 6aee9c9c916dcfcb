import { trusted } from 'mongoose';
import type { Mailer } from '../mail/index.js';
import { NotFoundError } from '../shared/errors.js';
import type { EnrolmentService } from '../workshops/index.js';
import { ImportJob, ImportRow, type ImportJobDoc, type ImportRowDoc } from './import.model.js';
import { createInvite } from './invite.js';
import { previewImport } from './preview.js';
import { claimImport, isStalled, lastClaim, processRows, type ImportLease } from './run.js';
import { type Id, idOrNotFound } from '../shared/db/ids.js';
import { BackgroundWork } from '../shared/background.js';


export interface ImportsDeps {
  enrolment: EnrolmentService;
  now: () => Date;
  /** With a mailer, new people get the colleague invitation; without one they use "forgot password". */
  mailer?: Mailer;
  baseUrl?: string;
  /** Told about a background import that stopped on an unexpected error (the job is then `failed`). */
  onError?: (error: unknown, jobId: string) => void;
  /** Where runs are tracked, so shutdown can wait for them; the service keeps its own otherwise. */
  background?: BackgroundWork;
}

/** A job as its pages show it: status, counts and whether it can be confirmed or resumed. */
export interface JobSummary {
  id: string;
  cohortId: string;
  status: ImportJobDoc['status'];
  fileName?: string;
  createdAt?: Date;
  totalRows: number;
  validRows: number;
  /** Lines the import has finished with (done or failed), out of validRows. */
  processed: number;
  /** Confirmed: a worker has claimed it at least once. */
  started: boolean;
  canConfirm: boolean;
  canResume: boolean;
}

/** Bulk import of companies and participants into a cohort: preview, confirm, progress, resume. */
export function createImportsService(deps: ImportsDeps) {
  const invite = deps.mailer && deps.baseUrl ? createInvite({ mailer: deps.mailer, baseUrl: deps.baseUrl, now: deps.now }) : undefined;
  const runDeps = { enrolment: deps.enrolment, now: deps.now, invite };
  const background = deps.background ?? new BackgroundWork();

  /** Runs a claimed job without waiting for it, so the request can answer with the progress page. */
  function inBackground(lease: ImportLease): void {
    background.track(processRows(lease, runDeps).catch((error) => deps.onError?.(error, String(lease.jobId))));
  }

  async function loadJob(cohortId: Id, jobId: Id) {
    const job = await ImportJob.findById(idOrNotFound(jobId)).lean();
    if (!job || String(job.cohortId) !== String(cohortId)) throw new NotFoundError();
    return job;
  }

  async function summarise(job: ImportJobDoc): Promise<JobSummary> {
    const [processed, claim] = await Promise.all([
      ImportRow.countDocuments({ jobId: job._id, state: trusted({ $in: ['done', 'failed'] }) }),
      lastClaim(job._id),
    ]);
    return {
      id: String(job._id), cohortId: String(job.cohortId), status: job.status, fileName: job.fileName ?? undefined, createdAt: job.createdAt,
      totalRows: job.totalRows, validRows: job.validRows, processed,
      started: claim !== null,
      canConfirm: job.status === 'preview' && !claim && job.validRows > 0,
      canResume: isStalled(job, claim, deps.now()),
    };
  }

  return {
    previewImport,

    /**
     * Starts a job in the background: a previewed one on confirmation, a stalled
     * one on resumption (only lines not yet done are redone). False when the job
     * needs no start: another request started it, or it runs or is done.
     */
    async startImport(request: { cohortId: Id; jobId: Id; actorId: Id }): Promise<boolean> {
      await loadJob(request.cohortId, request.jobId);
      const lease = await claimImport(request.jobId, deps.now(), request.actorId);
      if (lease) inBackground(lease);
      return lease !== undefined;
    },

    /** Claims a job and imports it to the end before resolving, e.g. from the seed script. */
    async runImport(jobId: Id): Promise<'done' | 'stopped' | 'lost' | 'not-claimed'> {
      const lease = await claimImport(jobId, deps.now());
      return lease ? processRows(lease, runDeps) : 'not-claimed';
    },

    async findJob(cohortId: Id, jobId: Id): Promise<JobSummary> {
      return summarise(await loadJob(cohortId, jobId));
    },

    /** Every line of a job in file order, with its problems and what became of it. */
    async jobRows(jobId: Id): Promise<ImportRowDoc[]> {
      return ImportRow.find({ jobId }).sort({ line: 1 }).lean();
    },

    /** The cohort's most recent imports, newest first. */
    async recentJobs(cohortId: Id, limit = 10): Promise<JobSummary[]> {
      const jobs = await ImportJob.find({ cohortId }).sort({ createdAt: -1 }).limit(limit).lean();
      return Promise.all(jobs.map(summarise));
    },

    /** Resolves when every background import started so far has stopped (tests and shutdown use it). */
    async settled(): Promise<void> {
      await background.settled();
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
