import { z } from "zod";
import { type Ctx, requireRole, type Verb } from "../../context/index.js";
import { ConflictError, InputError, NotFoundError } from "../../errors/index.js";
import { jsonb, newId, writeAudit } from "../../store/index.js";
import type { WatchFetchOptions } from "../check-watch.js";
import { watchFetchOptionsFromEnv } from "../fetch-page.js";
import {
  checkMaintenanceNotice,
  compareDeclaredMeasured,
  type IncidentComparison,
  type Interval,
  type MaintenanceNoticeCheck,
  outagesFromSamples,
} from "./declared-vs-measured.js";
import { type PollResult, pollStatusSource, servicesOf } from "./poll-status-source.js";

export const StatusSourceInput = z.strictObject({
  vendor_id: z.string().min(1),
  kind: z.enum(["statuspage", "feed"]),
  url: z
    .string()
    .max(2000)
    .refine((u) => /^https?:\/\/[^/]/i.test(u), "must be an http:// or https:// url"),
  /** vendor component name → the contract's covered service names */
  component_map: z.record(z.string().max(200), z.array(z.string().max(200)).max(50)).default({}),
});

function parse<S extends z.ZodType>(schema: S, value: unknown, source: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new InputError(`${source}.${issue?.path.join(".")}`, (issue?.message ?? "invalid").toLowerCase());
}

function actorOf(ctx: Ctx): string | null {
  return ctx.caller && ctx.caller.via !== "system" ? ctx.caller.userId : null;
}

export const addStatusSource: Verb<z.input<typeof StatusSourceInput>, { id: string }> = async ({
  ctx,
  input,
}) => {
  const ws = requireRole(ctx, "editor");
  const data = parse(StatusSourceInput, input, "body");
  const vendor = await ctx.db
    .selectFrom("vendors")
    .select("id")
    .where("workspace_id", "=", ws)
    .where("id", "=", data.vendor_id)
    .executeTakeFirst();
  if (!vendor) throw new NotFoundError("vendor", data.vendor_id);
  const taken = await ctx.db
    .selectFrom("status_sources")
    .select("id")
    .where("workspace_id", "=", ws)
    .where("url", "=", data.url)
    .executeTakeFirst();
  // The workspace polls a URL once (unique in the store): a second one is a conflict, not a 500.
  if (taken) throw new ConflictError(`a status source for ${data.url} already exists (${taken.id})`);
  return ctx.db.transaction().execute(async (trx) => {
    const id = newId();
    await trx
      .insertInto("status_sources")
      .values({
        id,
        workspace_id: ws,
        vendor_id: data.vendor_id,
        kind: data.kind,
        url: data.url,
        component_map: jsonb(data.component_map),
        created_at: ctx.now,
      })
      .execute();
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "create",
      entity: "status_source",
      entityId: id,
      details: { url: data.url },
      at: ctx.now,
    });
    return { id };
  });
};

/** Edits the component → covered services mapping; the stored records are re-mapped at once. */
export const setComponentMap: Verb<
  { source_id: string; component_map: Record<string, string[]> },
  { remapped: number }
> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "editor");
  const map = parse(StatusSourceInput.shape.component_map, input.component_map, "body.component_map");
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("status_sources")
      .set({ component_map: jsonb(map) })
      .where("workspace_id", "=", ws)
      .where("id", "=", input.source_id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new NotFoundError("status source", input.source_id);
    const records = await trx
      .selectFrom("status_records")
      .select(["id", "components"])
      .where("source_id", "=", input.source_id)
      .execute();
    for (const r of records)
      await trx
        .updateTable("status_records")
        .set({ services: jsonb(servicesOf(r.components, map)) })
        .where("id", "=", r.id)
        .execute();
    await writeAudit(trx, {
      workspaceId: ws,
      actorId: actorOf(ctx),
      action: "update",
      entity: "status_source",
      entityId: input.source_id,
      details: { components: Object.keys(map).length },
      at: ctx.now,
    });
    return { remapped: records.length };
  });
};

export function pollStatusSourceNowWith(opts: WatchFetchOptions): Verb<{ source_id: string }, PollResult> {
  return async ({ ctx, input }) => {
    const ws = requireRole(ctx, "editor");
    const source = await ctx.db
      .selectFrom("status_sources")
      .selectAll()
      .where("workspace_id", "=", ws)
      .where("id", "=", input.source_id)
      .executeTakeFirst();
    if (!source) throw new NotFoundError("status source", input.source_id);
    // The network is read outside any transaction; the audit row (who polled, what it found) is
    // written in the transaction that stores what the poll found.
    const result = await pollStatusSource(ctx.store, source, ctx.now, opts, (trx, found) =>
      writeAudit(trx, {
        workspaceId: ws,
        actorId: actorOf(ctx),
        action: "poll",
        entity: "status_source",
        entityId: source.id,
        details: { state: found.state, added: found.added, updated: found.updated },
        at: ctx.now,
      }),
    );
    return result;
  };
}
export const pollStatusSourceNow: ReturnType<typeof pollStatusSourceNowWith> = (args) =>
  pollStatusSourceNowWith(watchFetchOptionsFromEnv())(args);

export const listStatusRecords: Verb<{ vendor_id?: string }, unknown[]> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  let q = ctx.db
    .selectFrom("status_records as r")
    .innerJoin("status_sources as s", "s.id", "r.source_id")
    .select([
      "r.id",
      "r.source_id",
      "s.vendor_id",
      "s.state as source_state",
      "r.external_id",
      "r.kind",
      "r.title",
      "r.body",
      "r.status",
      "r.impact",
      "r.components",
      "r.services",
      "r.started_at",
      "r.resolved_at",
      "r.scheduled_for",
      "r.scheduled_until",
      "r.declared_at",
      "r.first_seen_at",
      "r.last_seen_at",
    ])
    .where("r.workspace_id", "=", ws);
  if (input.vendor_id) q = q.where("s.vendor_id", "=", input.vendor_id);
  return q.orderBy("r.first_seen_at", "desc").execute();
};

export const DeclaredVsMeasuredInput = z.strictObject({
  vendor_id: z.string().min(1),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  /** committed maintenance notice, from the contract (null: not compared) */
  committed_notice_hours: z.number().nonnegative().nullable().default(null),
});

export interface DeclaredVsMeasured {
  incidents: IncidentComparison[];
  maintenance: MaintenanceNoticeCheck[];
  /** Sources that could not be read: their silence is not evidence of no incident. */
  unreadable_sources: string[];
}

/** The vendor's declared incidents vs the outages the vendor's probes measured in [from, to). */
export const declaredVsMeasured: Verb<z.input<typeof DeclaredVsMeasuredInput>, DeclaredVsMeasured> = async ({
  ctx,
  input,
}) => {
  const ws = requireRole(ctx, "viewer");
  const data = parse(DeclaredVsMeasuredInput, input, "query");
  const from = new Date(data.from);
  const to = new Date(data.to);
  if (from >= to) throw new InputError("query.from", "must be before to");
  const records = await ctx.db
    .selectFrom("status_records as r")
    .innerJoin("status_sources as s", "s.id", "r.source_id")
    .select([
      "r.id",
      "r.kind",
      "r.started_at",
      "r.resolved_at",
      "r.declared_at",
      "r.scheduled_for",
      "r.scheduled_until",
    ])
    .where("r.workspace_id", "=", ws)
    .where("s.vendor_id", "=", data.vendor_id)
    .execute();
  const sources = await ctx.db
    .selectFrom("status_sources")
    .select(["url", "state"])
    .where("workspace_id", "=", ws)
    .where("vendor_id", "=", data.vendor_id)
    .execute();
  const samples = await ctx.db
    .selectFrom("probe_samples as ps")
    .innerJoin("probes as p", "p.id", "ps.probe_id")
    .select(["ps.at", "ps.ok", "ps.probe_id", "ps.region"])
    .where("ps.workspace_id", "=", ws)
    .where("p.vendor_id", "=", data.vendor_id)
    .where("ps.at", ">=", from)
    .where("ps.at", "<", to)
    .orderBy("ps.at")
    .execute();
  const incidents = records
    .filter((r) => r.kind === "incident" && r.started_at && r.started_at < to && (r.resolved_at ?? to) > from)
    .map((r) => ({ id: r.id, start: r.started_at as Date, end: r.resolved_at }));
  const now = ctx.now < to ? ctx.now : to;
  return {
    incidents: compareDeclaredMeasured(incidents, probeOutages(samples), now),
    maintenance: records
      .filter((r) => r.kind === "maintenance")
      .map((r) =>
        checkMaintenanceNotice(
          {
            id: r.id,
            declaredAt: r.declared_at,
            scheduledFor: r.scheduled_for,
            scheduledUntil: r.scheduled_until,
          },
          data.committed_notice_hours,
        ),
      ),
    unreadable_sources: sources.filter((s) => s.state === "unreadable").map((s) => s.url),
  };
};

/**
 * Outages per (probe, region) series, merged where they overlap: a failure seen from any region
 * counts, and two regions failing together are one outage.
 */
export function probeOutages(
  samples: { at: Date; ok: boolean; probe_id: string; region: string | null }[],
): Interval[] {
  const series = new Map<string, { at: Date; ok: boolean }[]>();
  for (const s of samples) {
    const key = `${s.probe_id}\u0000${s.region ?? ""}`;
    const list = series.get(key);
    if (list) list.push(s);
    else series.set(key, [s]);
  }
  const all = [...series.values()].flatMap((list) => outagesFromSamples(list));
  all.sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Interval[] = [];
  for (const o of all) {
    const last = merged.at(-1);
    if (last && (last.end === null || o.start <= last.end)) {
      if (last.end !== null)
        last.end = o.end === null ? null : new Date(Math.max(last.end.getTime(), o.end.getTime()));
    } else merged.push({ ...o });
  }
  return merged.map((o, i) => ({ ...o, id: `outage-${i + 1}` }));
}
