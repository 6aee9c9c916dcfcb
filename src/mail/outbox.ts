import { trusted, Types } from 'mongoose';
import { OutboxMessage, type OutboxMessageDoc, type OutboxStatus } from './outbox.model.js';

export { OUTBOX_STATUSES, type OutboxStatus } from './outbox.model.js';
import { type Id, toObjectId } from '../shared/db/ids.js';
import { insertOnce } from '../shared/db/claims.js';


/** What a message is about; coordinators see messages about their gardens. */
export interface MessageRefs {
  gardenId?: Id;
  cohortId?: Id;
  companyId?: Id;
  sessionId?: Id;
  userId?: Id;
}

/** A rendered message to record. */
export interface OutboxEntry {
  template: string;
  to: string;
  language: string;
  subject: string;
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** Not to be sent before this time (reminders); now when absent. */
  notBefore?: Date;
  /** Stored once per key; a second enqueue with the same key is a no-op. */
  key?: string;
  refs?: MessageRefs;
  reminderOf?: { sessionId: Id; sequence: number; companyId: Id };
}

/**
 * Records a message in the outbox and returns its id and its stable Message-ID;
 * `created` is false when a message with the same key was recorded before.
 * Exported for the seed and the bench as well as the mailer.
 */
export async function enqueueMessage(entry: OutboxEntry, options: { now: Date; host: string }): Promise<{ id: string; messageId: string; created: boolean }> {
  const _id = new Types.ObjectId();
  const messageId = `<${String(_id)}.outbox@${options.host}>`;
  const due = entry.notBefore ?? options.now;
  const key = entry.key ?? String(_id);
  const created = await insertOnce(() => OutboxMessage.create({
    _id, key, messageId, template: entry.template, to: entry.to, language: entry.language,
    subject: entry.subject, text: entry.text, html: entry.html, calendar: entry.calendar,
    notBefore: due, nextAttemptAt: due, ...entry.refs, reminderOf: entry.reminderOf,
  }));
  if (created) return { id: String(_id), messageId, created: true };
  // Only a keyed message can meet itself again; an unkeyed one has a fresh _id as its key.
  const existing = await OutboxMessage.findOne({ key }, { messageId: 1 }).lean();
  return { id: String(existing?._id ?? ''), messageId: existing?.messageId ?? '', created: false };
}

/** Marks a message failed for good, with the reason a coordinator will read. */
export async function markMessageFailed(id: Id, error: string): Promise<void> {
  await OutboxMessage.updateOne({ _id: id }, { $set: { status: 'failed', lastError: error } });
}

export interface OutboxFilter {
  /** Only messages about these gardens; every message when absent. */
  gardenIds?: Id[];
  status?: OutboxStatus;
  limit?: number;
}

/** The most recent messages, newest first, for the outbox page. */
export async function listOutbox(filter: OutboxFilter): Promise<OutboxMessageDoc[]> {
  const query: Record<string, unknown> = {};
  if (filter.gardenIds) query.gardenId = trusted({ $in: filter.gardenIds.map((id) => new Types.ObjectId(String(id))) });
  if (filter.status) query.status = filter.status;
  return OutboxMessage.find(query, { text: 0, html: 0, 'calendar.content': 0 }).sort({ createdAt: -1 }).limit(filter.limit ?? 100).lean<OutboxMessageDoc[]>();
}

/** Counts per status, for the page's summary line. */
export async function countOutbox(gardenIds?: Id[]): Promise<Record<string, number>> {
  const match = gardenIds ? { gardenId: { $in: gardenIds.map((id) => new Types.ObjectId(String(id))) } } : {};
  const rows = await OutboxMessage.aggregate<{ _id: string; count: number }>([{ $match: match }, { $group: { _id: '$status', count: { $sum: 1 } } }]);
  return Object.fromEntries(rows.map((r) => [r._id, r.count]));
}

/**
 * Puts a failed or uncertain message back in the queue, on a person's word.
 * The attempt count is kept, so the next attempt gets a new lease number.
 */
export async function retryMessage(id: Id, now: Date): Promise<boolean> {
  const messageId = toObjectId(id);
  const message = messageId && (await OutboxMessage.findById(messageId, { status: 1 }).lean());
  if (!message || !['failed', 'uncertain'].includes(message.status)) return false;
  await OutboxMessage.updateOne({ _id: message._id }, { $set: { status: 'queued', nextAttemptAt: now }, $unset: { lastError: 1 } });
  return true;
}

/** One message, for access checks before a retry. */
export async function findMessage(id: string): Promise<OutboxMessageDoc | undefined> {
  if (!Types.ObjectId.isValid(id)) return undefined;
  return (await OutboxMessage.findById(id, { gardenId: 1, status: 1 }).lean<OutboxMessageDoc>()) ?? undefined;
}
