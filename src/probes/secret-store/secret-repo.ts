import type { Db } from "../../context/index.js";
import { ConflictError, InputError, NotFoundError } from "../../errors/index.js";
import type { SecretBox } from "./secret-box.js";

/** What the API shows of a secret: never its value. */
export interface SecretInfo {
  name: string;
  created_at: string;
  updated_at: string;
}

/** Names as `${secret:NAME}` accepts them. */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
export const MAX_SECRET_VALUE_CHARS = 8192;

const context = (workspaceId: string, name: string) => `${workspaceId}:${name}`;

function requireBox(box: SecretBox | null): SecretBox {
  if (!box)
    throw new ConflictError(
      "workspace secrets are off on this server: the operator must set TERMSIGHT_SECRET_KEY (required with DATABASE_URL)",
    );
  return box;
}

export function checkSecretName(name: string): void {
  if (!SECRET_NAME.test(name))
    throw new InputError(
      "name",
      "must start with a letter or _ and hold only letters, digits, _ . - (at most 128)",
    );
}

const info = (r: { name: string; created_at: Date; updated_at: Date }): SecretInfo => ({
  name: r.name,
  created_at: new Date(r.created_at).toISOString(),
  updated_at: new Date(r.updated_at).toISOString(),
});

export async function listSecretNames(db: Db, workspaceId: string): Promise<SecretInfo[]> {
  const rows = await db
    .selectFrom("workspace_secrets")
    .select(["name", "created_at", "updated_at"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("name")
    .execute();
  return rows.map(info);
}

/** Creates or replaces a secret; `created` tells which. */
export async function putSecret(
  db: Db,
  box: SecretBox | null,
  input: { workspaceId: string; name: string; value: string; actorId: string | null; now: Date },
): Promise<SecretInfo & { created: boolean }> {
  checkSecretName(input.name);
  const sealed = requireBox(box).seal(input.value, context(input.workspaceId, input.name));
  const keyId = requireBox(box).keyId;
  const existed = await db
    .selectFrom("workspace_secrets")
    .select("name")
    .where("workspace_id", "=", input.workspaceId)
    .where("name", "=", input.name)
    .forUpdate()
    .executeTakeFirst();
  const row = await db
    .insertInto("workspace_secrets")
    .values({
      workspace_id: input.workspaceId,
      name: input.name,
      sealed,
      key_id: keyId,
      created_by: input.actorId,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(["workspace_id", "name"]).doUpdateSet({ sealed, key_id: keyId, updated_at: input.now }),
    )
    .returning(["name", "created_at", "updated_at"])
    .executeTakeFirstOrThrow();
  return { ...info(row), created: !existed };
}

export async function deleteSecret(db: Db, workspaceId: string, name: string): Promise<void> {
  const res = await db
    .deleteFrom("workspace_secrets")
    .where("workspace_id", "=", workspaceId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new NotFoundError("secret", name);
}

/**
 * The workspace's secret values for a probe run. A value that does not open (the key changed) is
 * left out: the probe then fails with "${secret:NAME} is not available", never with the sealed text.
 */
export async function loadSecretValues(
  db: Db,
  box: SecretBox | null,
  workspaceId: string,
): Promise<Record<string, string>> {
  if (!box) return {};
  const rows = await db
    .selectFrom("workspace_secrets")
    .select(["name", "sealed"])
    .where("workspace_id", "=", workspaceId)
    .execute();
  const out: Record<string, string> = {};
  for (const r of rows) {
    const value = box.open(r.sealed, context(workspaceId, r.name));
    if (value !== null) out[r.name] = value;
  }
  return out;
}
