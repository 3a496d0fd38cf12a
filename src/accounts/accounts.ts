import type { Db } from "../context/index.js";
import { ConflictError } from "../errors/index.js";
import { type InstanceRole, jsonb, newId, type Role, type TokenScope, writeAudit } from "../store/index.js";
import { hashPassword } from "./password.js";
import { newApiToken } from "./secrets.js";

export interface UserRow {
  id: string;
  email: string;
  name: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates a user (instance role `member` unless given); 409 when the email is taken. The password
 * policy (`checkNewPassword`) is the caller's: routes check it, seeds and tests need not.
 */
export async function createUser(
  db: Db,
  input: { email: string; name: string; password: string; instanceRole?: InstanceRole },
): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  const taken = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (taken) throw new ConflictError(`a user with email ${email} already exists`);
  const user = { id: newId(), email, name: input.name };
  await db
    .insertInto("users")
    .values({
      ...user,
      password_hash: await hashPassword(input.password),
      instance_role: input.instanceRole ?? "member",
    })
    .execute();
  return user;
}

/** Creates a workspace with `adminId` as its admin (null: no member yet, as the demo's until setup), audited. */
export async function createWorkspace(
  db: Db,
  input: { name: string; adminId: string | null; now?: Date; audit?: boolean },
): Promise<{ id: string; name: string }> {
  const ws = { id: newId(), name: input.name };
  const at = input.now ? { created_at: input.now, updated_at: input.now } : {};
  await db
    .insertInto("workspaces")
    .values({ ...ws, ...at })
    .execute();
  if (input.adminId)
    await db
      .insertInto("memberships")
      .values({ workspace_id: ws.id, user_id: input.adminId, role: "admin" })
      .execute();
  if (input.audit === false) return ws;
  await writeAudit(db, {
    workspaceId: ws.id,
    actorId: input.adminId,
    action: "create",
    entity: "workspace",
    entityId: ws.id,
    details: { name: ws.name },
    ...(input.now ? { at: input.now } : {}),
  });
  return ws;
}

export async function addMembership(db: Db, workspaceId: string, userId: string, role: Role): Promise<void> {
  await db.insertInto("memberships").values({ workspace_id: workspaceId, user_id: userId, role }).execute();
}

export interface IssuedToken {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  expires_at: string | null;
  /** The secret, shown once. */
  token: string;
}

/** Issues an API token for a user in a workspace; only its sha256 is stored. */
export async function issueApiToken(
  db: Db,
  input: {
    workspaceId: string;
    userId: string;
    name: string;
    scopes: TokenScope[];
    expiresAt?: Date | null;
    /** The token that minted this one: revoking it revokes this one too. */
    parentId?: string | null;
  },
): Promise<IssuedToken> {
  const { token, prefix, hash } = newApiToken();
  const id = newId();
  await db
    .insertInto("api_tokens")
    .values({
      id,
      workspace_id: input.workspaceId,
      user_id: input.userId,
      name: input.name,
      token_hash: hash,
      prefix,
      scopes: jsonb(input.scopes),
      expires_at: input.expiresAt ?? null,
      last_used_at: null,
      revoked_at: null,
      parent_id: input.parentId ?? null,
    })
    .execute();
  return {
    id,
    name: input.name,
    prefix,
    scopes: input.scopes,
    expires_at: input.expiresAt ? input.expiresAt.toISOString() : null,
    token,
  };
}

/** Revokes a token and every token minted from it, at any depth; returns how many changed. */
export async function revokeTokenTree(db: Db, tokenId: string, at: Date): Promise<number> {
  let ids = [tokenId];
  let changed = 0;
  const seen = new Set<string>();
  while (ids.length > 0) {
    for (const id of ids) seen.add(id);
    const r = await db
      .updateTable("api_tokens")
      .set({ revoked_at: at })
      .where("id", "in", ids)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    changed += Number(r.numUpdatedRows);
    const children = await db.selectFrom("api_tokens").select("id").where("parent_id", "in", ids).execute();
    ids = children.map((c) => c.id).filter((id) => !seen.has(id));
  }
  return changed;
}
