import type { Mailer, MailTemplate } from '../mail/index.js';
import { unlessTaken } from '../shared/db/claims.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { Language } from '../shared/i18n/index.js';
import type { DatabaseSessionStore } from '../shared/http/session-store.js';
import { describeDevice } from './device.js';
import { issueLink, peekLink, spendLink } from './one-time-links.js';
import { hashPassword, passwordWeakness, verifyPassword } from './password.js';
import { User } from './user.model.js';

/** How long a link to confirm a new email address works. */
const EMAIL_LINK_MINUTES = 24 * 60;

export interface ProfileView {
  name: string;
  email: string;
  language: Language;
}

/** A signed-in session as the profile lists it; `handle` names it in the form that ends it. */
export interface SessionView {
  handle: string;
  signedInAt: Date;
  lastSeen: Date;
  browser?: string;
  os?: string;
  current: boolean;
}

/**
 * What a signed-in person changes about themselves: name, language, password and email address.
 * A password change and "log out everywhere" end every other session: the account records from
 * when sessions count (`sessionsValidFrom`), and each request's one lookup of the account compares
 * it with the session's sign-in time, so no session has to be found or deleted.
 */
export function createProfileService(deps: { mailer: Mailer; baseUrl: string; now: () => Date; sessions: DatabaseSessionStore }) {
  async function person(accountId: string) {
    const user = await User.findById(accountId).lean();
    if (!user) throw new NotFoundError();
    return user;
  }

  /** A notice to a person about their own account; losing it must not undo the change it reports. */
  const tell = (template: MailTemplate, to: string, language: string | null | undefined, data: Record<string, unknown>) =>
    deps.mailer.queue({ template, to, language: language === 'en' ? 'en' : 'nb', data });

  return {
    async profile(accountId: string): Promise<ProfileView> {
      const user = await person(accountId);
      return { name: user.name, email: user.email, language: user.language === 'en' ? 'en' : 'nb' };
    },

    async updateDetails(accountId: string, details: { name: string; language: Language }): Promise<void> {
      await User.updateOne({ _id: (await person(accountId))._id }, { name: details.name, language: details.language });
    },

    /** Checks the current password, stores the new one, ends other sessions and tells the person. Returns the new sign-in time. */
    async changePassword(accountId: string, current: string, next: string): Promise<number> {
      const user = await person(accountId);
      if (!user.passwordHash || !(await verifyPassword(current, user.passwordHash))) {
        throw new ValidationError({ currentPassword: 'profile.currentPasswordWrong' });
      }
      const weakness = passwordWeakness(next, user.email);
      if (weakness) throw new ValidationError({ newPassword: weakness });
      const now = deps.now();
      await User.updateOne({ _id: user._id }, { passwordHash: await hashPassword(next), sessionsValidFrom: now });
      await tell('password-changed', user.email, user.language, { name: user.name, link: `${deps.baseUrl}/password/forgot` });
      return now.getTime();
    },

    /** Sends a confirmation link to the new address; nothing changes until it is used. */
    async requestEmailChange(accountId: string, newEmail: string, password: string): Promise<void> {
      const user = await person(accountId);
      if (!user.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
        throw new ValidationError({ emailPassword: 'profile.currentPasswordWrong' });
      }
      if (newEmail === user.email) throw new ValidationError({ newEmail: 'profile.emailUnchanged' });
      if (await User.exists({ email: newEmail })) throw new ValidationError({ newEmail: 'accounts.emailTaken' });
      const secret = await issueLink(user._id, 'email', EMAIL_LINK_MINUTES, deps.now(), newEmail);
      await tell('email-change-confirm', newEmail, user.language, { name: user.name, email: newEmail, link: `${deps.baseUrl}/profile/email/${secret}` });
    },

    /** The new address an unused email-change link would set, for the page that asks to confirm it. */
    async pendingEmail(secret: string): Promise<string> {
      const link = await peekLink(secret, deps.now());
      if (link?.purpose !== 'email' || !link.email) throw new NotFoundError('accounts.linkInvalid');
      return link.email;
    },

    /** Uses the link once: the account takes the new address, and the old address is told. */
    async confirmEmailChange(secret: string): Promise<string> {
      const link = await peekLink(secret, deps.now());
      if (link?.purpose !== 'email' || !link.email) throw new NotFoundError('accounts.linkInvalid');
      const user = await User.findById(link.userId).lean();
      if (!user || !(await spendLink(secret, deps.now()))) throw new NotFoundError('accounts.linkInvalid');
      // Someone may have registered the address after the link was sent: the unique index decides.
      await unlessTaken(() => User.updateOne({ _id: user._id }, { email: link.email }), () => {
        throw new ValidationError({ newEmail: 'accounts.emailTaken' });
      });
      await tell('email-changed', user.email, user.language, { name: user.name, email: link.email });
      return link.email;
    },

    /** The person's live sessions, this one marked; read from their own index by `_id`, never by scanning sessions. */
    async sessions(accountId: string, currentSid: string): Promise<SessionView[]> {
      const user = await person(accountId);
      const listed = await deps.sessions.index.list(accountId, user.sessionsValidFrom ?? undefined);
      return listed.map((s) => ({
        handle: s.handle, signedInAt: s.signedInAt, lastSeen: s.lastSeen, ...describeDevice(s.userAgent), current: s.sid === currentSid,
      }));
    },

    /** Ends one other session of the person; a handle not in their own list (or this session's) is not found. */
    async endSession(accountId: string, currentSid: string, handle: string): Promise<void> {
      const listed = await deps.sessions.index.list(accountId, (await person(accountId)).sessionsValidFrom ?? undefined);
      const session = listed.find((s) => s.handle === handle && s.sid !== currentSid);
      if (!session) throw new NotFoundError();
      await deps.sessions.destroySession(session.sid);
    },

    /** Ends every session of the account; returns the sign-in time the current session takes again. */
    async logOutEverywhere(accountId: string): Promise<number> {
      const now = deps.now();
      await User.updateOne({ _id: (await person(accountId))._id }, { sessionsValidFrom: now });
      return now.getTime();
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
