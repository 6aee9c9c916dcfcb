import { issueLink, type ListedPerson } from '../accounts/index.js';
import { holdsLink } from '../accounts/queries.js';
import type { Mailer } from '../mail/index.js';

// As long as a colleague's invitation: the email says the link lasts seven days.
const INVITE_MINUTES = 7 * 24 * 60;

export interface InviteDeps {
  mailer: Mailer;
  baseUrl: string;
  now: () => Date;
}

export type Invite = (person: ListedPerson,
  context: { companyName: string; inviterName: string }) => Promise<boolean>;

/**
 * Sends an imported person the colleague invitation (a one-time link to choose
 * a password) unless they have a password or were invited before, so a line
 * imported again sends nothing. Resolves with whether an email went out.
 */
export function createInvite(deps: InviteDeps): Invite {
  return async (person, context) => {
    if (person.hasPassword) return false;
    if (await holdsLink(person.id, 'invite')) return false;
    const secret = await issueLink(person.id, 'invite', INVITE_MINUTES, deps.now());
    await deps.mailer.queue({
      template: 'colleague-invite',
      to: person.email,
      language: person.language,
      data: {
        name: person.name, link: `${deps.baseUrl}/password/choose/${secret}`, minutes: INVITE_MINUTES,
        inviter: context.inviterName, company: context.companyName,
      },
    });
    return true;
  };
}
