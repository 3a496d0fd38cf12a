import { z } from "zod";
import { actorOf, parseInput, requireRole, type Verb } from "../context/index.js";
import {
  deleteSecret,
  listSecretNames,
  MAX_SECRET_VALUE_CHARS,
  putSecret,
  type SecretBox,
} from "../probes/index.js";
import { type Page, writeAudit } from "../store/index.js";

export const SecretPut = z.object({ value: z.string().min(1).max(MAX_SECRET_VALUE_CHARS) });
const SecretName = z.object({ name: z.string().min(1).max(128) });

export interface SecretInfoView {
  name: string;
  created_at: string;
  updated_at: string;
}

/**
 * Workspace secrets for probe placeholders (`${secret:NAME}`), sealed at rest with the server's
 * key (`box`, null = secrets off). Write-only: names and times are listed to editors, only admins
 * set or delete, no verb returns a value, audit rows carry the name and never the value.
 */
export function secretVerbs(box: SecretBox | null) {
  const listSecrets: Verb<Record<string, never>, Page<SecretInfoView>> = async ({ ctx }) => {
    const ws = requireRole(ctx, "editor");
    return { items: await listSecretNames(ctx.db, ws), next_cursor: null };
  };

  /** Sets a secret; `created` tells a new one (201) from a replaced one (200). */
  const setSecret: Verb<{ name: string; value: string }, SecretInfoView & { created: boolean }> = async ({
    ctx,
    input,
  }) => {
    const ws = requireRole(ctx, "admin");
    const { name, value } = parseInput("input", SecretPut.extend(SecretName.shape), input);
    return ctx.db.transaction().execute(async (trx) => {
      const s = await putSecret(trx, box, {
        workspaceId: ws,
        name,
        value,
        actorId: actorOf(ctx),
        now: ctx.now,
      });
      await writeAudit(trx, {
        workspaceId: ws,
        actorId: actorOf(ctx),
        action: s.created ? "create" : "update",
        entity: "secret",
        entityId: name,
        details: { name },
      });
      return s;
    });
  };

  const removeSecret: Verb<{ name: string }, void> = async ({ ctx, input }) => {
    const ws = requireRole(ctx, "admin");
    const { name } = parseInput("input", SecretName, input);
    await ctx.db.transaction().execute(async (trx) => {
      await deleteSecret(trx, ws, name);
      await writeAudit(trx, {
        workspaceId: ws,
        actorId: actorOf(ctx),
        action: "delete",
        entity: "secret",
        entityId: name,
        details: { name },
      });
    });
  };

  return { listSecrets, setSecret, removeSecret };
}
