import type { Role, Store, TokenScope } from "../store/index.js";
import type { AuthCache } from "./auth/auth-cache.js";

/** Who is calling: set by the authentication hook on every request (null = anonymous). */
export interface Principal {
  userId: string;
  /** API token scopes; null for a session (cookie) login, which has every scope. */
  tokenScopes: TokenScope[] | null;
  /** The workspace an API token belongs to; null for a session. */
  tokenWorkspaceId: string | null;
  /** For a token: the user's role in the token's workspace, read with the token (null = no longer a member). */
  tokenRole?: Role | null;
  /** For a token: its id (tokens it mints record it as their parent) and its expiry (null = never). */
  tokenId?: string;
  tokenExpiresAt?: Date | null;
  via: "session" | "token";
}

export type { Role };

declare module "fastify" {
  interface FastifyInstance {
    store: Store;
    /** The server's clock (injected in tests). */
    now: () => Date;
    /** Credentials and memberships for a few seconds (auth/auth-cache.ts); clear it after changing them. */
    authCache: AuthCache;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Why a presented credential was refused (expired, revoked…), for the 401 detail. */
    authProblem: string | null;
    /** The CSRF token of the cookie session, if any. */
    sessionCsrf: string | null;
  }
}
