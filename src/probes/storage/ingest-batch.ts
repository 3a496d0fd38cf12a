import { createHmac, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { InputError, UnauthorizedError } from "../../errors/index.js";
import type { Database } from "../../store/index.js";
import { ProbeSample } from "../sample.js";
import type { ProbeAgent } from "./agent-repo.js";
import { storeSamples } from "./sample-store.js";

export const SIGNATURE_HEADER = "x-termsight-signature";

/** `sha256=<hex>`: HMAC-SHA256 of the exact request body, keyed with the agent token. */
export function signBatchBody(body: string, token: string): string {
  return `sha256=${createHmac("sha256", token).update(body).digest("hex")}`;
}

export function verifyBatchSignature(body: string, token: string, header: string | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(signBatchBody(body, token));
  const got = Buffer.from(header.trim());
  return want.length === got.length && timingSafeEqual(want, got);
}

export const ProbeBatch = z.object({
  batch_id: z.string().min(8).max(100),
  /** The agent's clock when it sent this attempt. */
  sent_at: z.iso.datetime({ offset: true }),
  region: z.string().min(1).max(64),
  samples: z.array(ProbeSample).max(10_000),
});
export type ProbeBatch = z.infer<typeof ProbeBatch>;

export interface IngestResult {
  batch_id: string;
  duplicate: boolean;
  stored: number;
  /** Samples for probes that are not in the agent's workspace. */
  rejected: number;
  skew_ms: number;
  skew_flagged: boolean;
}

/**
 * Stores one signed agent batch. Idempotent: the same (agent, batch id) is stored once and a
 * resend answers `duplicate: true`. The server's receive time is stored beside the agent's `at`;
 * the batch (and its samples) are flagged when |received − sent| exceeds `maxSkewMs`. Agents set
 * `sent_at` anew on every attempt (the body is re-signed), so a batch resent after an outage is not
 * mistaken for skew.
 */
export async function ingestBatch({
  ctx,
  input,
}: {
  ctx: { db: Kysely<Database>; now: Date; maxSkewMs: number };
  input: { agent: ProbeAgent & { token: string }; rawBody: string; signature: string | undefined };
}): Promise<IngestResult> {
  if (!verifyBatchSignature(input.rawBody, input.agent.token, input.signature)) {
    throw new UnauthorizedError(
      `batch signature missing or wrong (${SIGNATURE_HEADER}: sha256=HMAC-SHA256(token, body))`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    throw new InputError("body", "malformed json");
  }
  const parsed = ProbeBatch.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`body.${issue.path.join(".")}`, issue.message.toLowerCase());
  }
  const batch = parsed.data;
  const { agent } = input;
  const skewMs = ctx.now.getTime() - Date.parse(batch.sent_at);
  const skewFlagged = Math.abs(skewMs) > ctx.maxSkewMs;
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("probe_batches")
      .values({
        agent_id: agent.id,
        batch_id: batch.batch_id,
        workspace_id: agent.workspace_id,
        samples: batch.samples.length,
        sent_at: batch.sent_at,
        received_at: ctx.now,
        skew_ms: Math.round(skewMs),
        skew_flagged: skewFlagged,
      })
      .onConflict((oc) => oc.columns(["agent_id", "batch_id"]).doNothing())
      .returning("batch_id")
      .executeTakeFirst();
    await trx.updateTable("probe_agents").set({ last_seen_at: ctx.now }).where("id", "=", agent.id).execute();
    if (!inserted)
      return {
        batch_id: batch.batch_id,
        duplicate: true,
        stored: 0,
        rejected: 0,
        skew_ms: Math.round(skewMs),
        skew_flagged: skewFlagged,
      };
    const ids = [...new Set(batch.samples.map((s) => s.probe_id).filter((x): x is string => x !== null))];
    const known = ids.length
      ? new Set(
          (
            await trx
              .selectFrom("probes")
              .select("id")
              .where("workspace_id", "=", agent.workspace_id)
              .where("id", "in", ids)
              .execute()
          ).map((r) => r.id),
        )
      : new Set<string>();
    // the agent's region is authoritative: a sample cannot claim another region
    const accepted = batch.samples
      .filter((s) => s.probe_id !== null && known.has(s.probe_id))
      .map((s) => ({ ...s, region: agent.region }));
    await storeSamples(trx, {
      workspaceId: agent.workspace_id,
      agentId: agent.id,
      batchId: batch.batch_id,
      receivedAt: ctx.now,
      skewFlagged,
      samples: accepted,
    });
    return {
      batch_id: batch.batch_id,
      duplicate: false,
      stored: accepted.length,
      rejected: batch.samples.length - accepted.length,
      skew_ms: Math.round(skewMs),
      skew_flagged: skewFlagged,
    };
  });
}
