import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * queued: waiting for its time (notBefore, or the next retry); sending: an attempt
 * is under way; sent; failed: the server refused it for good, or retries ran out;
 * uncertain: a worker stopped during an attempt, so it may or may not have gone
 * out (a person decides whether to retry); obsolete: a reminder whose session or
 * participant changed before it was due.
 */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'uncertain', 'obsolete'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** An email recorded by the action that caused it, rendered once, and sent by a worker. */
const outboxMessageSchema = new Schema({
  // Unique: a reminder is keyed by session, sequence and person, so scheduling it twice stores it once.
  key: { type: String, required: true },
  messageId: { type: String, required: true },
  template: { type: String, required: true },
  to: { type: String, required: true },
  language: { type: String, required: true },
  subject: { type: String, required: true },
  text: { type: String, required: true },
  html: { type: String, required: true },
  calendar: { method: { type: String, enum: ['REQUEST', 'CANCEL'] }, content: { type: String } },
  status: { type: String, enum: OUTBOX_STATUSES, default: 'queued' },
  // The number of the last attempt made; the next one is attempts + 1.
  attempts: { type: Number, default: 0 },
  notBefore: { type: Date, required: true },
  nextAttemptAt: { type: Date, required: true },
  sentAt: { type: Date },
  lastError: { type: String },
  // What the message is about, so coordinators see their gardens' messages and history can be read back.
  gardenId: { type: Schema.Types.ObjectId },
  cohortId: { type: Schema.Types.ObjectId },
  companyId: { type: Schema.Types.ObjectId },
  sessionId: { type: Schema.Types.ObjectId },
  userId: { type: Schema.Types.ObjectId },
  // A reminder is sent only while this still holds (see reminders.ts).
  reminderOf: { sessionId: { type: Schema.Types.ObjectId }, sequence: { type: Number }, companyId: { type: Schema.Types.ObjectId } },
}, { timestamps: true });

outboxMessageSchema.index({ key: 1 }, { unique: true });
outboxMessageSchema.index({ status: 1, nextAttemptAt: 1 });
outboxMessageSchema.index({ createdAt: -1 });
outboxMessageSchema.index({ gardenId: 1, createdAt: -1 });
outboxMessageSchema.index({ cohortId: 1, companyId: 1 });

export type OutboxMessageDoc = InferSchemaType<typeof outboxMessageSchema> & { _id: Types.ObjectId; createdAt: Date };
export const OutboxMessage = mongoose.model('OutboxMessage', outboxMessageSchema);

/**
 * The lease on one attempt to send one message: `_id` is `<message id>:<attempt
 * number>`, so of two workers inserting the same attempt exactly one succeeds.
 * It is written before the message is handed to SMTP and closed afterwards; an
 * attempt left open means a worker stopped mid-way.
 */
const outboxAttemptSchema = new Schema({
  _id: { type: String, required: true },
  messageId: { type: Schema.Types.ObjectId, required: true },
  number: { type: Number, required: true },
  worker: { type: String, required: true },
  state: { type: String, enum: ['open', 'closed'], default: 'open' },
  outcome: { type: String },
  error: { type: String },
  startedAt: { type: Date, required: true },
  finishedAt: { type: Date },
});

outboxAttemptSchema.index({ state: 1, startedAt: 1 });
outboxAttemptSchema.index({ messageId: 1 });

export const OutboxAttempt = mongoose.model('OutboxAttempt', outboxAttemptSchema);
