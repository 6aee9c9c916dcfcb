import type { Request } from 'express';

/**
 * Starts a fresh session for the account, so a session id known before login is worthless after
 * it. The session remembers when it signed in: sessions older than the account's
 * `sessionsValidFrom` (log out everywhere, a new password) are no longer signed in.
 */
export async function signIn(req: Request, accountId: string, signedInAt: number): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
  req.session.accountId = accountId;
  req.session.signedInAt = signedInAt;
}
