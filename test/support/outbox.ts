import { trusted } from 'mongoose';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { eventually } from './eventually.js';

/**
 * Resolves once the mail worker has handled every message due by `now` (sent,
 * failed, obsolete or uncertain): after it, nothing more will be sent until the
 * clock moves, so a test can count what arrived.
 */
export async function outboxSettled(now: Date, timeoutMs = 10_000): Promise<void> {
  const open = { status: trusted({ $in: ['queued', 'sending'] as const }), nextAttemptAt: trusted({ $lte: now }) };
  await eventually('the outbox has no message left to send', async () => (await OutboxMessage.countDocuments(open)) === 0, { timeoutMs });
}
