import type { Types } from 'mongoose';
import type { Mailer } from '../mail/index.js';
import { unlessTaken } from '../shared/db/claims.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { SignedInAccount } from '../shared/http/account.js';
import type { Language } from '../shared/i18n/index.js';
import { PRIVACY_NOTICE_VERSION } from '../privacy/index.js';
import { Company } from './company.model.js';
import { issueLink, peekLink, spendLink } from './one-time-links.js';
import { hashPassword, passwordWeakness, verifyNothing, verifyPassword } from './password.js';
import type { RegisterInput } from './schemas.js';
import { User, type Role } from './user.model.js';

/** What the rest of the app knows about the signed-in person: the shape the HTTP plumbing keeps in `req.account`. */
export type AccountView = SignedInAccount;

export interface AccountsDeps {
  mailer: Mailer;
  baseUrl: string;
  resetMinutes: number;
  now: () => Date;
}

const INVITE_MINUTES = 7 * 24 * 60;

export function toAccountView(user: {
  _id: Types.ObjectId; name: string; email: string; roles: string[]; companyId?: Types.ObjectId | null; language?: string | null;
}): AccountView {
  return {
    id: String(user._id),
    name: user.name,
    email: user.email,
    roles: user.roles as Role[],
    companyId: user.companyId ? String(user.companyId) : undefined,
    language: user.language === 'en' ? 'en' : 'nb',
  };
}

function assertStrongPassword(password: string, email?: string, field = 'password'): void {
  const weakness = passwordWeakness(password, email);
  if (weakness) throw new ValidationError({ [field]: weakness });
}

/** Account use cases: registration, sign-in, password links, colleagues and roles. */
export function createAccountsService(deps: AccountsDeps) {
  async function sendLink(user: { _id: Types.ObjectId; email: string; name: string; language?: string | null }, purpose: 'reset' | 'invite', extra: Record<string, unknown> = {}) {
    const minutes = purpose === 'reset' ? deps.resetMinutes : INVITE_MINUTES;
    const secret = await issueLink(user._id, purpose, minutes, deps.now());
    const language: Language = user.language === 'en' ? 'en' : 'nb';
    await deps.mailer.queue({
      template: purpose === 'reset' ? 'password-reset' : 'colleague-invite',
      to: user.email,
      language,
      data: { name: user.name, link: `${deps.baseUrl}/password/choose/${secret}`, minutes, ...extra },
    });
  }

  return {
    /** Registers an SME owner and their company; the company must not be registered already. */
    async registerOwner(input: RegisterInput): Promise<AccountView> {
      assertStrongPassword(input.password, input.email);
      if (await User.exists({ email: input.email })) throw new ValidationError({ email: 'accounts.emailTaken' });
      const existing = await Company.findOne({ orgNumber: input.orgNumber }).lean();
      if (existing) throw new ValidationError({ orgNumber: 'accounts.companyTaken' });
      // The checks above give the usual answer; the unique indexes give it to the loser of a race.
      const company = await unlessTaken(() => Company.create({
        name: input.companyName, orgNumber: input.orgNumber, municipality: input.municipality,
        sector: input.sector, employees: input.employees, website: input.website || undefined,
        contactName: input.name, contactEmail: input.email,
      }), () => { throw new ValidationError({ orgNumber: 'accounts.companyTaken' }); });
      try {
        const passwordHash = await hashPassword(input.password);
        const user = await unlessTaken(() => User.create({
          email: input.email, name: input.name, passwordHash, roles: ['participant'], companyId: company._id, language: input.language,
          privacyNotice: { version: PRIVACY_NOTICE_VERSION, acceptedAt: deps.now() },
        }), () => { throw new ValidationError({ email: 'accounts.emailTaken' }); });
        await deps.mailer.queue({ template: 'welcome', to: user.email, language: toAccountView(user).language, data: { name: user.name, company: company.name, link: `${deps.baseUrl}/dashboard` } }).catch(() => undefined); // a lost welcome must not undo the registration
        return toAccountView(user);
      } catch (error) {
        // No transactions on FerretDB: undo the company so a retry can register it.
        await Company.deleteOne({ _id: company._id });
        throw error;
      }
    },

    /** The account for an email and password, or undefined; both cases take the same time. */
    async authenticate(email: string, password: string): Promise<AccountView | undefined> {
      const user = await User.findOne({ email: email.trim().toLowerCase() }).lean();
      if (!user?.passwordHash) return verifyNothing(password).then(() => undefined);
      return (await verifyPassword(password, user.passwordHash)) ? toAccountView(user) : undefined;
    },

    /**
     * The account of a session, or undefined when it is gone or the session signed in before the
     * person logged out everywhere or changed their password. One point lookup, on every request.
     */
    async findSignedIn(id: string, signedInAt: number | undefined): Promise<AccountView | undefined> {
      const user = await User.findById(id).lean();
      if (!user) return undefined;
      if (user.sessionsValidFrom && (signedInAt ?? 0) < user.sessionsValidFrom.getTime()) return undefined;
      return toAccountView(user);
    },

    /** The moment a session signing in now records: the same clock that log-out-everywhere compares with. */
    signInTime(): number {
      return deps.now().getTime();
    },

    /** Emails a reset link when the address belongs to someone; says nothing either way. */
    async requestPasswordReset(email: string): Promise<void> {
      const user = await User.findOne({ email: email.trim().toLowerCase() }).lean();
      if (user) await sendLink(user, 'reset');
    },

    /** Whether a password link can still be used (for showing the form). */
    async linkIsUsable(secret: string): Promise<boolean> {
      const link = await peekLink(secret, deps.now());
      return link !== undefined && link.purpose !== 'email';
    },

    /** Sets a new password through a one-time link; a used or expired link is refused. */
    async choosePassword(secret: string, password: string): Promise<AccountView> {
      const valid = await peekLink(secret, deps.now());
      // An email-change link confirms an address; it never sets a password.
      if (!valid || valid.purpose === 'email') throw new NotFoundError('accounts.linkInvalid');
      const user = await User.findById(valid.userId).lean();
      if (!user) throw new NotFoundError('accounts.linkInvalid');
      assertStrongPassword(password, user.email);
      if (!(await spendLink(secret, deps.now()))) throw new NotFoundError('accounts.linkInvalid');
      await User.updateOne({ _id: user._id }, { passwordHash: await hashPassword(password) });
      return toAccountView(user);
    },

    /** Adds a colleague to the company and emails them a link to choose a password; the caller checks the inviter may. */
    async inviteColleague(inviter: AccountView, companyId: string, colleague: { name: string; email: string }): Promise<void> {
      if (await User.exists({ email: colleague.email })) throw new ValidationError({ email: 'accounts.emailTaken' });
      const company = await Company.findById(companyId).lean();
      if (!company) throw new NotFoundError();
      const user = await unlessTaken(() => User.create({
        email: colleague.email, name: colleague.name, roles: ['participant'], companyId: company._id, language: inviter.language,
      }), () => { throw new ValidationError({ email: 'accounts.emailTaken' }); });
      await sendLink(user, 'invite', { inviter: inviter.name, company: company.name });
    },

    /** The company's name only, for pages that do not list its people. */
    async companyName(account: AccountView): Promise<string | undefined> {
      if (!account.companyId) return undefined;
      return (await Company.findById(account.companyId, { name: 1 }).lean())?.name;
    },

    async setLanguage(accountId: string, language: Language): Promise<void> {
      await User.updateOne({ _id: accountId }, { language });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
