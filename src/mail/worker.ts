import crypto from 'node:crypto';
import os from 'node:os';
import { trusted } from 'mongoose';
import { insertOnce } from '../shared/db/claims.js';
import type { Logger } from '../shared/logger.js';
import { OutboxAttempt, OutboxMessage, type OutboxMessageDoc } from './outbox.model.js';
import { isConnectionFailure, isPermanentFailure, type MailTransport } from './transport.js';
import { createPollLoop } from '../shared/poll-loop.js';

export interface RetryPolicy {
  /** First wait after a failed attempt; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
  /** A message still failing this long after it was due is marked failed. */
  giveUpMs: number;
}

export interface MailWorkerOptions {
  transport: MailTransport;
  from: string;
  now: () => Date;
  pollMs: number;
  /** An attempt open longer than this belongs to a worker that stopped: its message becomes uncertain. */
  leaseMs: number;
  retry: RetryPolicy;
  batchSize?: number;
  /** Asked just before a reminder is sent; false marks it obsolete instead. */
  stillWanted?: (message: OutboxMessageDoc, now: Date) => Promise<boolean>;
  logger?: Logger;
}

// Messages sent side by side in a batch, each on its own connection.
const LANES = 3;

type Outcome = 'sent' | 'retry' | 'unreachable' | 'failed' | 'obsolete' | 'skipped';

export interface MailWorker {
  /** Polls every pollMs until stopped. */
  start(): void;
  /** Stops polling and waits for the batch under way. */
  stop(): Promise<void>;
  /** Runs a batch now (or right after the one under way): called after a message is queued. */
  kick(): void;
  /** One pass: close abandoned attempts, then send what is due. */
  runOnce(): Promise<Record<Outcome, number>>;
}

const describe = (error: unknown) => {
  const e = error as { responseCode?: number; code?: string; message?: string };
  return [e.responseCode, e.code, e.message].filter(Boolean).join(' ').slice(0, 500) || String(error);
};

/**
 * Sends what the outbox holds. Two workers never send the same message: each
 * attempt is a lease inserted under a unique id (`<message>:<attempt number>`),
 * and only the worker whose insert succeeded goes on. The lease is stored, and
 * the message marked `sending`, before SMTP sees it; a lease left open by a
 * worker that died is never retried automatically but marks the message
 * `uncertain`, so a crash between sending and recording cannot send twice.
 */
export function createMailWorker(options: MailWorkerOptions): MailWorker {
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const batchSize = options.batchSize ?? 50;
  // After a batch found the server unreachable, new messages wait for the next poll rather than wake the worker.
  let restUntil = 0;

  const backoff = (attempt: number) =>
    Math.round(Math.min(options.retry.maxMs, options.retry.baseMs * 2 ** (attempt - 1)) * (0.8 + 0.4 * Math.random()));

  /** Settles attempts whose worker stopped: uncertain if SMTP may have seen the message, queued again if not. */
  async function closeAbandoned(now: Date): Promise<void> {
    const stale = await OutboxAttempt.find({ state: 'open', startedAt: trusted({ $lt: new Date(now.getTime() - options.leaseMs) }) }).limit(100).lean();
    for (const attempt of stale) {
      const message = await OutboxMessage.findById(attempt.messageId, { status: 1, attempts: 1 }).lean();
      let outcome = 'abandoned';
      if (message?.status === 'sending' && message.attempts === attempt.number) {
        outcome = 'uncertain';
        await OutboxMessage.updateOne({ _id: message._id }, { $set: { status: 'uncertain', lastError: 'worker stopped during the attempt; the message may have been sent' } });
      } else if (message?.status === 'queued' && message.attempts < attempt.number) {
        // The worker stopped before marking it `sending`, so before SMTP: the next attempt is safe.
        await OutboxMessage.updateOne({ _id: message._id }, { $set: { attempts: attempt.number } });
      }
      await OutboxAttempt.updateOne({ _id: attempt._id }, { $set: { state: 'closed', outcome, finishedAt: now } });
    }
  }

  async function attempt(message: OutboxMessageDoc): Promise<Outcome> {
    const number = message.attempts + 1;
    const leaseId = `${String(message._id)}:${number}`;
    const startedAt = options.now();
    // The lease: one attempt per number (its _id), so of two workers that picked the message, one sends it.
    if (!(await insertOnce(() => OutboxAttempt.create({ _id: leaseId, messageId: message._id, number, worker: workerId, startedAt })))) return 'skipped';
    const set = (fields: Record<string, unknown>, unset?: string) =>
      OutboxMessage.updateOne({ _id: message._id }, { $set: fields, ...(unset ? { $unset: { [unset]: 1 } } : {}) });
    const close = (outcome: Outcome, error?: string) =>
      OutboxAttempt.updateOne({ _id: leaseId }, { $set: { state: 'closed', outcome, error, finishedAt: options.now() } });
    await set({ status: 'sending', attempts: number });
    try {
      if (message.reminderOf?.sessionId && options.stillWanted && !(await options.stillWanted(message, options.now()))) {
        await set({ status: 'obsolete' });
        await close('obsolete');
        return 'obsolete';
      }
      // A lease this old may already be judged abandoned by another worker: leave the message to them.
      if (options.now().getTime() - startedAt.getTime() > options.leaseMs / 2) throw Object.assign(new Error('lease expired before sending'), { code: 'ELEASE' });
      await options.transport.deliver({
        from: options.from, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: message.messageId,
        calendar: message.calendar?.content ? { method: message.calendar.method as 'REQUEST' | 'CANCEL', content: message.calendar.content } : undefined,
      });
    } catch (error) {
      const outcome = failureOutcome(message, error);
      const reason = describe(error);
      const retryAt = new Date(options.now().getTime() + backoff(number));
      await set(outcome === 'failed' ? { status: 'failed', lastError: reason } : { status: 'queued', nextAttemptAt: retryAt, lastError: reason });
      await close(outcome, reason);
      return outcome;
    }
    await set({ status: 'sent', sentAt: options.now() }, 'lastError');
    await close('sent');
    return 'sent';
  }

  /** Failed for good (5xx, or failing too long); otherwise retried later, and `unreachable` stops the batch. */
  function failureOutcome(message: OutboxMessageDoc, error: unknown): Outcome {
    const overdue = options.now().getTime() - message.notBefore.getTime() > options.retry.giveUpMs;
    if (isPermanentFailure(error) || overdue) return 'failed';
    return isConnectionFailure(error) ? 'unreachable' : 'retry';
  }

  async function runOnce(): Promise<Record<Outcome, number>> {
    const summary: Record<Outcome, number> = { sent: 0, retry: 0, unreachable: 0, failed: 0, obsolete: 0, skipped: 0 };
    const now = options.now();
    await closeAbandoned(now);
    const due = await OutboxMessage.find({ status: 'queued', nextAttemptAt: trusted({ $lte: now }) })
      .sort({ nextAttemptAt: 1 }).limit(batchSize).lean<OutboxMessageDoc[]>();
    let next = 0;
    let unreachable = false;
    let broken: unknown;
    const lane = async () => {
      // Nobody answers: the rest would fail the same way; each waits for its own retry time.
      while (next < due.length && !unreachable && !loop.halting && !broken) {
        const outcome = await attempt(due[next++]!).catch((error: unknown) => { broken = error; return undefined; });
        if (outcome) summary[outcome] += 1;
        unreachable ||= outcome === 'unreachable';
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    if (broken) throw broken;
    if (due.length === batchSize && summary.unreachable === 0) loop.again();
    restUntil = summary.unreachable ? Date.now() + options.pollMs : 0;
    return summary;
  }

  const loop = createPollLoop({
    pass: runOnce,
    pollMs: options.pollMs,
    onError: (error) => options.logger?.warn({ err: error }, 'mail worker pass failed'),
    acceptsKick: () => Date.now() >= restUntil,
  });

  return {
    start: loop.start,
    stop: loop.stop,
    kick: loop.kick,
    runOnce,
  };
}
