import type { Db } from "../context/index.js";
import { newId, type Role } from "../store/index.js";
import { normalizeEmail } from "./accounts.js";
import { hashSecret, randomSecret } from "./secrets.js";

export const INVITATION_DAYS = 7;

export interface IssuedInvitation {
  id: string;
  email: string;
  role: Role;
  expires_at: string;
  /** The secret of the link, shown once; only its sha256 is stored. */
  token: string;
}

/**
 * Invites `email` into a workspace, replacing a pending invitation of the same email there.
 * It never looks at the users table: the answer is the same whether or not the email has an
 * account, so inviting cannot be used to probe for accounts (and nobody is added without consent).
 */
export async function createInvitation(
  db: Db,
  input: { workspaceId: string; email: string; role: Role; invitedBy: string | null; now: Date },
): Promise<IssuedInvitation> {
  const email = normalizeEmail(input.email);
  await db
    .updateTable("invitations")
    .set({ revoked_at: input.now })
    .where("workspace_id", "=", input.workspaceId)
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .execute();
  const token = randomSecret(24);
  const id = newId();
  const expires = new Date(input.now.getTime() + INVITATION_DAYS * 86_400_000);
  await db
    .insertInto("invitations")
    .values({
      id,
      workspace_id: input.workspaceId,
      email,
      role: input.role,
      token_hash: hashSecret(token),
      invited_by: input.invitedBy,
      created_at: input.now,
      expires_at: expires,
    })
    .execute();
  return { id, email, role: input.role, expires_at: expires.toISOString(), token };
}

/** A pending (not accepted, revoked or expired) invitation by its link token, with its workspace name. */
export async function findPendingInvitation(db: Db, token: string, now: Date) {
  const row = await db
    .selectFrom("invitations")
    .innerJoin("workspaces", "workspaces.id", "invitations.workspace_id")
    .select([
      "invitations.id",
      "invitations.workspace_id",
      "workspaces.name as workspace_name",
      "invitations.email",
      "invitations.role",
      "invitations.expires_at",
    ])
    .where("invitations.token_hash", "=", hashSecret(token))
    .where("invitations.accepted_at", "is", null)
    .where("invitations.revoked_at", "is", null)
    .executeTakeFirst();
  return row && new Date(row.expires_at) > now ? row : undefined;
}

/** The link the invitee opens (the web UI's page; the API accepts at /api/v1/invitations/:token/accept). */
export function invitationLink(origin: string, token: string): string {
  return `${origin}/invite?token=${encodeURIComponent(token)}`;
}
