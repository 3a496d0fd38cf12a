import type { Db } from "../context/index.js";
import { newId } from "../store/index.js";
import { hashSecret, randomSecret } from "./secrets.js";

export interface NewSession {
  /** The cookie's secret (only its sha256 is stored). */
  token: string;
  csrf: string;
  expires: Date;
}

/** Stores a session for `userId` lasting `absoluteMs` (expired sessions are swept first). */
export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  absoluteMs: number,
): Promise<NewSession> {
  const token = randomSecret();
  const csrf = randomSecret(18);
  const expires = new Date(now.getTime() + absoluteMs);
  await db.deleteFrom("sessions").where("expires_at", "<", now).execute();
  await db
    .insertInto("sessions")
    .values({
      id: newId(),
      user_id: userId,
      token_hash: hashSecret(token),
      csrf_token: csrf,
      created_at: now,
      expires_at: expires,
      last_seen_at: now,
    })
    .execute();
  return { token, csrf, expires };
}

/**
 * Ends every session of a user (all devices), except the one whose cookie hash is `keepHash`.
 * The face clears its credential cache after the transaction commits.
 */
export async function endSessions(db: Db, userId: string, keepHash?: string): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepHash) q = q.where("token_hash", "!=", keepHash);
  await q.execute();
}
