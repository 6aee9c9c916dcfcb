import { User } from '../../src/accounts/user.model.js';
import { feedTokensOf, rotateFeedToken } from '../../src/calendar/feed-tokens.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { markMessageFailed } from '../../src/mail/outbox.js';
import { DEMO_COMPANIES } from './accounts.js';

/**
 * Feed links for the demo owners, and a few messages in the outbox: welcomes
 * waiting to go, and one that failed permanently for a coordinator to see.
 */
export async function seedMail(mailer: Mailer, baseUrl: string): Promise<string[]> {
  const feeds: string[] = [];
  for (const demo of DEMO_COMPANIES) {
    const owner = await User.findOne({ email: demo.owner[1] }).lean();
    if (!owner) continue;
    // Only a hash is stored, so a link can be shown only when it is made.
    if ((await feedTokensOf(owner._id)).length === 0) feeds.push(`${owner.email}: ${baseUrl}${await rotateFeedToken(owner._id)}`);
    await mailer.queue({
      template: 'welcome', to: owner.email, language: 'nb', key: `seed:welcome:${owner.email}`,
      data: { name: owner.name, company: demo.name, link: `${baseUrl}/dashboard` },
    });
  }
  const bounced = await mailer.queue({
    template: 'welcome', to: 'feil.adresse@ukjent-bedrift.demo', language: 'nb', key: 'seed:welcome:bounce',
    data: { name: 'Feil Adresse', company: 'Ukjent Bedrift', link: `${baseUrl}/dashboard` },
  });
  const message = await OutboxMessage.findOne({ messageId: bounced.messageId }).lean();
  if (message && message.status !== 'failed') await markMessageFailed(message._id, '550 5.1.1 <feil.adresse@ukjent-bedrift.demo>: Recipient address rejected');
  return feeds;
}
