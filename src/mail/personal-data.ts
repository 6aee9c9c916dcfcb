import type { Types } from 'mongoose';
import type { DataSection, DataSubject, Erasure } from '../shared/personal-data.js';
import { OutboxAttempt, OutboxMessage } from './outbox.model.js';

/*
 * The mail component's part of a person's export and erasure. Filters on the address, the person
 * and the company read the whole outbox on FerretDB: acceptable for an export or an erasure, which are rare.
 */

/** The outbox copies of every email sent (or to be sent) to the person, oldest first. */
async function messagesTo(subject: DataSubject) {
  const [byAddress, byPerson] = await Promise.all([
    OutboxMessage.find({ to: subject.email }).lean(),
    OutboxMessage.find({ userId: subject.personId }).lean(),
  ]);
  const all = new Map([...byAddress, ...byPerson].map((m) => [String(m._id), m]));
  return [...all.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** The emails to the person, as the outbox keeps them: subject, text and whether they went. */
export async function personalDataOf(subject: DataSubject): Promise<DataSection> {
  return {
    emails: (await messagesTo(subject)).map((m) => ({
      to: m.to, subject: m.subject, text: m.text, template: m.template, status: m.status, createdAt: m.createdAt, sentAt: m.sentAt ?? undefined,
    })),
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ERASED = '[slettet]';

/**
 * Deletes the outbox copies to the person (and about their company, when it goes) with their send
 * attempts; a queued one is then never sent. Emails to other people that name the person (an
 * invitation, a roster) keep going out and stay readable, with the person's name and address
 * (and the company's name, when it goes) replaced by "[slettet]".
 */
export async function erasePerson(erasure: Erasure): Promise<void> {
  const theirs = await messagesTo(erasure);
  const company = erasure.companyId && erasure.eraseCompany ? await OutboxMessage.find({ companyId: erasure.companyId }, { _id: 1 }).lean() : [];
  for (const message of [...theirs, ...company]) {
    await OutboxAttempt.deleteMany({ messageId: message._id });
    await OutboxMessage.deleteOne({ _id: message._id });
  }
  await redactMentions(erasure);
}

/** Replaces the person's name and address (and a company's that goes) in every other outbox copy that holds them. */
async function redactMentions(erasure: Erasure): Promise<void> {
  const names = [erasure.name, ...(erasure.eraseCompany && erasure.companyName ? [erasure.companyName] : [])];
  const words = [...names, ...names.map(escapeHtml), erasure.email].filter((w) => w.length > 0);
  const pattern = new RegExp([...new Set(words)].map(escapeRegExp).join('|'), 'gi');
  const redact = (text: string) => text.replace(pattern, ERASED);
  const messages = await OutboxMessage.find({}, { subject: 1, text: 1, html: 1, calendar: 1 }).lean();
  const mentioning = messages.filter((m) => [m.subject, m.text, m.html, m.calendar?.content ?? ''].some((field) => { pattern.lastIndex = 0; return pattern.test(field); }));
  for (const m of mentioning as Array<typeof messages[number] & { _id: Types.ObjectId }>) {
    const set: Record<string, string> = { subject: redact(m.subject), text: redact(m.text), html: redact(m.html) };
    if (m.calendar?.content) set['calendar.content'] = redact(m.calendar.content);
    await OutboxMessage.updateOne({ _id: m._id }, { $set: set });
  }
}
