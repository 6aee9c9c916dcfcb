import type { Request, Response } from 'express';

interface Count { failures: number; resetAt: number }

export interface LoginLimitOptions {
  /** Failed logins one account may have in a window. */
  perAccount: number;
  /** Failed logins one address may have in a window: higher, since a workshop room shares one address. */
  perAddress: number;
  windowMs: number;
  now?: () => number;
}

/**
 * Counts failed logins, never successful ones, per account and per address. A
 * room of participants behind one garden's Wi-Fi all get in however many log
 * in; guessing at one account, or at many accounts from one address, is
 * stopped for the rest of the window. Counts live in this process's memory.
 */
export class FailedLoginLimit {
  private readonly counts = new Map<string, Count>();

  constructor(private readonly options: LoginLimitOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private keys(account: string, address: string): Array<[string, number]> {
    return [[`account:${account.trim().toLowerCase()}`, this.options.perAccount], [`address:${address}`, this.options.perAddress]];
  }

  private current(key: string): Count | undefined {
    const count = this.counts.get(key);
    if (count && count.resetAt <= this.now()) {
      this.counts.delete(key);
      return undefined;
    }
    return count;
  }

  /** The time until a login for this account from this address is accepted again, or 0 when it may be tried now. */
  waitMs(account: string, address: string): number {
    const blocked = this.keys(account, address).map(([key, limit]) => {
      const count = this.current(key);
      return count && count.failures >= limit ? count.resetAt - this.now() : 0;
    });
    return Math.max(0, ...blocked);
  }

  /** Notes one failed login for the account and the address. */
  recordFailure(account: string, address: string): void {
    for (const [key] of this.keys(account, address)) {
      const count = this.current(key) ?? { failures: 0, resetAt: this.now() + this.options.windowMs };
      count.failures += 1;
      this.counts.set(key, count);
    }
    if (this.counts.size > 10_000) for (const key of [...this.counts.keys()]) this.current(key);
  }
}

/** The 429 page for a refused login, saying when to try again. */
export function refuseLogin(req: Request, res: Response, waitMs: number): void {
  res.set('Retry-After', String(Math.ceil(waitMs / 1000)));
  res.status(429).render('errors/error', { status: 429, pageTitle: req.t('errors.title429'), message: req.t('errors.tooManyLogins') });
}
