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

/** Why a sample of a batch was refused. */
export type RefusalReason =
  | "unknown_probe"
  | "outside_batch_window"
  | "too_old"
  | "before_probe_created"
  | "in_the_future";

export interface IngestResult {
  batch_id: string;
  duplicate: boolean;
  stored: number;
  /** Samples refused, all reasons together. */
  rejected: number;
  /** How many were refused for each reason (only reasons that occurred). */
  rejected_by_reason: Partial<Record<RefusalReason, number>>;
  skew_ms: number;
  skew_flagged: boolean;
}

/**
 * When an agent sample may be dated. A batch waits in the agent's buffer through an outage, so a
 * sample may be older than its batch's signed `sent_at`, but not by more than the raw-sample
 * retention (7 days); nothing is older than that by the server's clock either, nothing is before
 * its probe existed, and nothing is ahead of the server's clock. `toleranceMs` absorbs small clock
 * differences. Together they keep an agent token from writing into past months (availability,
 * credits) or the future.
 */
export const AGENT_SAMPLE_WINDOW = { maxAgeMs: 7 * 86_400_000, toleranceMs: 5 * 60_000 };

/** `skew_ms` is an int4 column: a clock off by more than ~24.8 days is stored at the limit (and flagged). */
const INT4_MAX = 2_147_483_647;
const clampInt4 = (n: number) => Math.max(-INT4_MAX, Math.min(INT4_MAX, Math.round(n)));

/**
 * Stores one signed agent batch; samples for other workspaces' probes or dated outside
 * `AGENT_SAMPLE_WINDOW` are refused and counted per reason. Idempotent: the same (agent, batch id) is stored once and a
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
  const sentAt = Date.parse(batch.sent_at);
  if (!Number.isFinite(sentAt)) throw new InputError("body.sent_at", "is not a valid date");
  const skewMs = ctx.now.getTime() - sentAt;
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
        skew_ms: clampInt4(skewMs),
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
        rejected_by_reason: {},
        skew_ms: Math.round(skewMs),
        skew_flagged: skewFlagged,
      };
    const ids = [...new Set(batch.samples.map((s) => s.probe_id).filter((x): x is string => x !== null))];
    const createdAt = new Map<string, number>(
      ids.length
        ? (
            await trx
              .selectFrom("probes")
              .select(["id", "created_at"])
              .where("workspace_id", "=", agent.workspace_id)
              .where("id", "in", ids)
              .execute()
          ).map((r) => [r.id, new Date(r.created_at).getTime()])
        : [],
    );
    const { maxAgeMs, toleranceMs } = AGENT_SAMPLE_WINDOW;
    const now = ctx.now.getTime();
    const refusal = (s: ProbeBatch["samples"][number]): RefusalReason | null => {
      const created = s.probe_id === null ? undefined : createdAt.get(s.probe_id);
      if (created === undefined) return "unknown_probe";
      const at = Date.parse(s.at);
      if (!Number.isFinite(at)) return "outside_batch_window";
      if (at < sentAt - maxAgeMs || at > sentAt + toleranceMs) return "outside_batch_window";
      if (at < now - maxAgeMs) return "too_old";
      if (at < created - toleranceMs) return "before_probe_created";
      if (at > now + toleranceMs) return "in_the_future";
      return null;
    };
    const rejectedByReason: Partial<Record<RefusalReason, number>> = {};
    const accepted: ProbeBatch["samples"] = [];
    for (const s of batch.samples) {
      const reason = refusal(s);
      if (reason) rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
      // the agent's region is authoritative: a sample cannot claim another region
      else accepted.push({ ...s, region: agent.region });
    }
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
      rejected_by_reason: rejectedByReason,
      skew_ms: Math.round(skewMs),
      skew_flagged: skewFlagged,
    };
  });
}
