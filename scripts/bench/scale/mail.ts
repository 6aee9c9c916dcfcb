import { Types } from 'mongoose';
import { OutboxMessage } from '../../../src/mail/outbox.model.js';
import type { ScaleSize } from '../sizes.js';
import { batchWriter } from './batch.js';
import type { World } from './world.js';

const TEMPLATES = ['enrolment-confirmed', 'session-reminder', 'session-reminder', 'session-moved', 'session-reminder', 'session-reminder'];

/** Rendered text of a realistic length: the outbox stores each message whole. */
function body(company: string, person: string, template: string) {
  const text = `Hei ${person},\n\nDette gjelder ${company} og kurset Digital strategi (${template}).\n${'Vi gleder oss til å se dere på ettermiddagsøkta. '.repeat(8)}\n\nHilsen næringshagen`;
  return { subject: `Digital strategi: ${template}`, text, html: `<!doctype html><html><body><p>${text.replace(/\n/g, '<br>')}</p></body></html>` };
}

/** Messages about each generated company's cohort, most sent long ago, a few queued or failed. */
export async function generateOutbox(world: World, size: ScaleSize): Promise<void> {
  const messages = batchWriter(OutboxMessage, 'outbox messages');
  for (const company of world.companies) {
    const { cohort } = company;
    for (let m = 0; m < size.outboxPerCompany; m += 1) {
      const person = company.people[m % company.people.length]!;
      const template = TEMPLATES[m % TEMPLATES.length]!;
      const session = cohort.sessions[m % cohort.sessions.length]!;
      const due = new Date(session.startsAt.getTime() - 24 * 60 * 60 * 1000);
      const sent = due < world.now;
      const _id = new Types.ObjectId();
      const failed = sent && (company.index * 7 + m) % 97 === 0;
      await messages.add({
        _id, key: `bench:${String(_id)}`, messageId: `<${String(_id)}.outbox@bench.local>`, template, to: person.email, language: 'nb',
        ...body(company.name, person.name, template), status: failed ? 'failed' : sent ? 'sent' : 'queued', attempts: sent ? 1 : 0,
        notBefore: due, nextAttemptAt: due, sentAt: sent && !failed ? due : undefined, lastError: failed ? '550 5.1.1 Recipient address rejected' : undefined,
        gardenId: cohort.gardenId, cohortId: cohort._id, companyId: company._id, sessionId: session._id, userId: person._id,
        createdAt: due, updatedAt: due,
      });
    }
  }
  await messages.done();
}
