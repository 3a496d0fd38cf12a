import type { Role, TokenScope } from "../../store/index.js";

/** What authentication reads for an API token (with the owner's role in the token's workspace). */
export interface TokenRecord {
  id: string;
  user_id: string;
  workspace_id: string;
  scopes: TokenScope[];
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
  role: Role | null;
}

export interface SessionRecord {
  user_id: string;
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
}

const MAX_ENTRIES = 10_000;

/** A map whose entries live `ttlMs`; only found values are kept (an unknown credential is asked again). */
class TtlMap<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    if (value === undefined || this.ttlMs <= 0) {
      this.entries.delete(key);
      return value;
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { at: now, value });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Credentials and memberships read by every request, kept for a few seconds: most of an
 * authenticated read's cost on the embedded database was these lookups. Every route that revokes
 * a token, changes or removes a membership or ends a session clears it, so within one server such
 * changes apply at once; another server process on the same PostgreSQL sees them within `ttlMs`.
 * Expiry is still checked on every request against the cached expiry instant.
 */
export class AuthCache {
  readonly tokens: TtlMap<TokenRecord>;
  readonly sessions: TtlMap<SessionRecord>;
  /** Role of a user in a workspace, keyed `workspace\0user` (null: not a member). */
  readonly roles: TtlMap<Role | null>;

  constructor(
    readonly ttlMs: number,
    clock: () => number = () => performance.now(),
  ) {
    this.tokens = new TtlMap(ttlMs, clock);
    this.sessions = new TtlMap(ttlMs, clock);
    this.roles = new TtlMap(ttlMs, clock);
  }

  /** Forgets everything (after a revocation, a membership change or a logout). */
  clear(): void {
    this.tokens.clear();
    this.sessions.clear();
    this.roles.clear();
  }
}

/** Default lifetime of cached credentials. */
export const DEFAULT_AUTH_CACHE_MS = 2_000;
