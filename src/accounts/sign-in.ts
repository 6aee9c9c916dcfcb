import type { Request } from 'express';
import { DatabaseSessionStore } from '../shared/http/session-store.js';

/**
 * Starts a fresh session for the account, so a session id known before login is worthless after
 * it. The session remembers when it signed in: sessions older than the account's
 * `sessionsValidFrom` (log out everywhere, a new password) are no longer signed in. It is also
 * entered in the person's list of sessions, which the profile page shows.
 */
export async function signIn(req: Request, accountId: string, signedInAt: number): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
  req.session.accountId = accountId;
  req.session.signedInAt = signedInAt;
  if (req.sessionStore instanceof DatabaseSessionStore) {
    const userAgent = (req.get('user-agent') ?? '').slice(0, 400);
    req.session.sessionSlot = await req.sessionStore.index.add(accountId, req.sessionID, { signedInAt: new Date(signedInAt), userAgent });
  }
}
