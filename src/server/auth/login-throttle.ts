/**
 * Failed-login limits with backoff, in memory (one server process): per client IP across every
 * email (spraying one password over many accounts) and per email across every IP (one account
 * guessed from many addresses). Each key may fail `perIp`/`perEmail` times in `windowMs`; the n-th
 * failure past that locks the key for `baseLockMs · 2^(n-1)`, capped at `maxLockMs`. A locked
 * key is refused before the password is checked. A successful login clears its email's count (not
 * its IP's: one owned account must not reset a sprayer's count).
 */
export interface LoginLimits {
  /** Failures allowed per IP (all emails) per window before backoff (default 20). */
  perIp: number;
  /** Failures allowed per email (all IPs) per window before backoff (default 10). */
  perEmail: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perIp: 20,
  perEmail: 10,
  windowMs: 15 * 60_000,
  baseLockMs: 1_000,
  maxLockMs: 15 * 60_000,
};

interface Entry {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

const MAX_KEYS = 100_000;

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  constructor(readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Milliseconds until this IP / email may try again (0 = now). */
  retryAfterMs(ip: string, email: string, now: number): number {
    const wait = (key: string) => Math.max(0, (this.live(key, now)?.lockedUntil ?? 0) - now);
    return Math.max(wait(`ip\u0000${ip}`), wait(`email\u0000${email}`));
  }

  failed(ip: string, email: string, now: number): void {
    this.bump(`ip\u0000${ip}`, this.limits.perIp, now);
    this.bump(`email\u0000${email}`, this.limits.perEmail, now);
  }

  succeeded(email: string): void {
    this.entries.delete(`email\u0000${email}`);
  }

  private live(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && now - e.firstAt > this.limits.windowMs && now >= e.lockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private bump(key: string, free: number, now: number): void {
    let e = this.live(key, now);
    if (!e) {
      if (this.entries.size >= MAX_KEYS) this.prune(now);
      e = { failures: 0, firstAt: now, lockedUntil: 0 };
      this.entries.set(key, e);
    }
    e.failures += 1;
    const over = e.failures - free + 1; // the attempt after the last free failure waits
    if (over > 0) {
      const lock = Math.min(this.limits.maxLockMs, this.limits.baseLockMs * 2 ** Math.min(over - 1, 30));
      e.lockedUntil = now + lock;
    }
  }

  private prune(now: number): void {
    for (const key of [...this.entries.keys()]) this.live(key, now);
    // Still full (an address flood): drop the oldest tenth rather than grow without bound.
    let drop = this.entries.size - Math.floor(MAX_KEYS * 0.9);
    for (const key of this.entries.keys()) {
      if (drop-- <= 0) break;
      this.entries.delete(key);
    }
  }
}
