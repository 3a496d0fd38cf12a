import { z } from "zod";
import { type IssuedToken, issueApiToken, revokeTokenTree } from "../accounts/index.js";
import { actorOf, type Ctx, parseInput, requireRole, type Verb } from "../context/index.js";
import { ForbiddenError, InputError, NotFoundError } from "../errors/index.js";
import { type Page, type TokenScope, writeAudit } from "../store/index.js";

export const TokenCreate = z.object({
  name: z.string().trim().min(1).max(200),
  scopes: z
    .array(z.enum(["read", "write"]))
    .min(1)
    .default(["read"]),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
});
const TokenId = z.object({ id: z.string().min(1) });

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  user_id: string;
  created_at: Date;
  expires_at: Date | string | null;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

/**
 * Tokens are a member's own: even a viewer makes and revokes (read) tokens for themselves, so
 * these verbs ask for the viewer role, and for the write scope when an API token calls them.
 */
export function requireWriteScope(ctx: Ctx): void {
  if (ctx.caller?.scopes && !ctx.caller.scopes.includes("write"))
    throw new ForbiddenError("this api token lacks the write scope");
}

/** API tokens of the workspace: the caller's own, every member's for an admin; never a secret. */
export const listTokens: Verb<Record<string, never>, Page<TokenView>> = async ({ ctx }) => {
  const ws = requireRole(ctx, "viewer");
  let q = ctx.db
    .selectFrom("api_tokens")
    .select([
      "id",
      "name",
      "prefix",
      "scopes",
      "user_id",
      "created_at",
      "expires_at",
      "last_used_at",
      "revoked_at",
    ])
    .where("workspace_id", "=", ws);
  if (ctx.role !== "admin") q = q.where("user_id", "=", ctx.caller?.userId ?? "");
  const items = await q.orderBy("created_at", "desc").execute();
  return { items, next_cursor: null };
};

/**
 * Creates an API token for the caller; the secret is in the answer once. Viewers make read
 * tokens only; a token mints only what it holds (its scopes or fewer, no later expiry), and
 * revoking it revokes what it made.
 */
export const createToken: Verb<z.input<typeof TokenCreate>, IssuedToken> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const body = parseInput("input", TokenCreate, input);
  const caller = ctx.caller as NonNullable<Ctx["caller"]>;
  if (body.scopes.includes("write") && ctx.role === "viewer")
    throw new ForbiddenError("viewers can only create read tokens");
  requireWriteScope(ctx);
  const expiresAt = body.expires_at ? new Date(body.expires_at) : null;
  if (expiresAt && expiresAt <= ctx.now) throw new InputError("body.expires_at", "must be in the future");
  if (caller.scopes) {
    const held = new Set(caller.scopes);
    if (held.has("write")) held.add("read"); // as requireRole reads them
    const wider = body.scopes.find((s) => !held.has(s));
    if (wider) throw new ForbiddenError(`this api token lacks the ${wider} scope, so it cannot grant it`);
  }
  const parentExpiry = caller.token?.expiresAt ?? null;
  if (parentExpiry && (!expiresAt || expiresAt > parentExpiry))
    throw new InputError(
      "body.expires_at",
      `must be at or before ${parentExpiry.toISOString()}, when the api token making it expires`,
    );
  return ctx.db.transaction().execute(async (trx) => {
    const t = await issueApiToken(trx, {
      workspaceId: ws,
      userId: caller.userId,
      name: body.name,
      scopes: [...new Set(body.scopes)],
      expiresAt,
      parentId: caller.token?.id ?? null,
    });
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "create",
      entity: "api_token",
      entityId: t.id,
      details: { name: t.name, scopes: t.scopes },
    });
    return t;
  });
};

/** Revokes an API token (the caller's own, or any as admin) and the tokens it made. */
export const revokeToken: Verb<{ id: string }, void> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  requireWriteScope(ctx);
  const { id } = parseInput("input", TokenId, input);
  await ctx.db.transaction().execute(async (trx) => {
    const token = await trx
      .selectFrom("api_tokens")
      .select(["id", "user_id"])
      .where("id", "=", id)
      .where("workspace_id", "=", ws)
      .executeTakeFirst();
    if (!token || (ctx.role !== "admin" && token.user_id !== ctx.caller?.userId))
      throw new NotFoundError("api token", id);
    await revokeTokenTree(trx, id, ctx.now);
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "revoke",
      entity: "api_token",
      entityId: id,
    });
  });
};
