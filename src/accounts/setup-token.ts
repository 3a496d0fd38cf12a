import { sql } from "kysely";
import type { Store } from "../store/index.js";
import { jsonb } from "../store/index.js";
import { hashSecret, randomSecret } from "./secrets.js";

const KEY = "setup_token_hash";

/** True until the first user exists. */
export async function setupNeeded(store: Store): Promise<boolean> {
  const row = await store.db
    .selectFrom("users")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n === 0;
}

/**
 * When no user exists, issues a fresh one-time setup token (replacing any earlier one) and
 * returns it; null when setup is done. Only the hash is stored.
 */
export async function issueSetupToken(store: Store): Promise<string | null> {
  if (!(await setupNeeded(store))) return null;
  const token = randomSecret(24);
  await store.db
    .insertInto("settings")
    .values({ key: KEY, value: jsonb(hashSecret(token)) })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ value: jsonb(hashSecret(token)), updated_at: new Date() }),
    )
    .execute();
  return token;
}

/** The setup link printed at first start. */
export function setupLink(token: string, base = "http://localhost:8080"): string {
  return `${base}/setup?token=${encodeURIComponent(token)}`;
}

export const SETUP_TOKEN_KEY = KEY;
