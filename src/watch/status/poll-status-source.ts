import type { Selectable, Transaction } from "kysely";
import { type Database, jsonb, newId, type Store } from "../../store/index.js";
import type { StatusSourcesTable } from "../../store/tables/watch.js";
import type { WatchFetchOptions } from "../check-watch.js";
import { fetchPage } from "../fetch-page.js";
import { handOnAlert } from "../watch-alert.js";
import { readStatusFeed } from "./feed-reader.js";
import { SourceUnreadable, type StatusEvent } from "./status-event.js";
import { readStatuspage, STATUSPAGE_PATHS } from "./statuspage-reader.js";

export type StatusSourceRow = Selectable<StatusSourcesTable>;

export interface PollResult {
  sourceId: string;
  state: "ok" | "unreadable";
  error: string | null;
  /** Records seen for the first time in this poll. */
  added: number;
  updated: number;
}

async function fetchText(url: string, opts: WatchFetchOptions, accept: string): Promise<string> {
  const page = await fetchPage(url, { ...opts, accept, maxBytes: 5 * 1024 * 1024 });
  if (page.kind === "failed") throw new SourceUnreadable(`${url}: ${page.error}`);
  if (page.kind === "not_modified") throw new SourceUnreadable(`${url}: unexpected 304`);
  return new TextDecoder("utf-8").decode(page.body);
}

/** The events a source declares now (throws SourceUnreadable when it cannot be read). */
export async function readStatusSource(
  kind: string,
  url: string,
  opts: WatchFetchOptions,
): Promise<StatusEvent[]> {
  if (kind === "feed")
    return readStatusFeed(await fetchText(url, opts, "application/rss+xml, application/atom+xml, text/xml"));
  const base = url.replace(/\/+$/, "");
  // one request at a time to the same host
  const incidents = await fetchText(`${base}${STATUSPAGE_PATHS.incidents}`, opts, "application/json");
  const maint = await fetchText(`${base}${STATUSPAGE_PATHS.maintenances}`, opts, "application/json");
  return readStatuspage(incidents, maint);
}

/** Covered services of the contract an event touches, through the source's editable component map. */
export function servicesOf(components: string[], map: Record<string, string[]>): string[] {
  const lower = new Map(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
  const out = new Set<string>();
  for (const c of components) for (const s of lower.get(c.toLowerCase()) ?? []) out.add(s);
  return [...out].sort();
}

/**
 * Polls one status source: each incident/maintenance stored once (first-seen time kept), later
 * polls update its status and text. A source that cannot be read is marked "unreadable" and its
 * records are left as they were: it never becomes an outage. The network is read first; what the
 * poll found is then written in one transaction, with `record` (a verb's audit row) in the same one.
 */
export async function pollStatusSource(
  store: Store,
  source: StatusSourceRow,
  now: Date,
  opts: WatchFetchOptions,
  record?: (trx: Transaction<Database>, result: PollResult) => Promise<void>,
): Promise<PollResult> {
  let events: StatusEvent[];
  try {
    events = await readStatusSource(source.kind, source.url, opts);
  } catch (err) {
    const error = err instanceof SourceUnreadable ? err.message : `unreadable: ${(err as Error).message}`;
    const result: PollResult = { sourceId: source.id, state: "unreadable", error, added: 0, updated: 0 };
    await store.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("status_sources")
        .set({ state: "unreadable", error, last_polled_at: now })
        .where("id", "=", source.id)
        .execute();
      await record?.(trx, result);
    });
    return result;
  }
  const map = source.component_map as Record<string, string[]>;
  return store.db.transaction().execute(async (trx) => {
    const existing = new Set(
      (
        await trx
          .selectFrom("status_records")
          .select("external_id")
          .where("source_id", "=", source.id)
          .execute()
      ).map((r) => r.external_id),
    );
    let added = 0;
    let updated = 0;
    for (const e of events) {
      const fields = {
        kind: e.kind,
        title: e.title,
        body: e.body,
        status: e.status,
        impact: e.impact,
        components: jsonb(e.components),
        services: jsonb(servicesOf(e.components, map)),
        started_at: e.startedAt,
        resolved_at: e.resolvedAt,
        scheduled_for: e.scheduledFor,
        scheduled_until: e.scheduledUntil,
        declared_at: e.declaredAt,
        last_seen_at: now,
      };
      if (existing.has(e.externalId)) {
        await trx
          .updateTable("status_records")
          .set(fields)
          .where("source_id", "=", source.id)
          .where("external_id", "=", e.externalId)
          .execute();
        updated++;
      } else {
        await trx
          .insertInto("status_records")
          .values({
            id: newId(),
            workspace_id: source.workspace_id,
            source_id: source.id,
            external_id: e.externalId,
            first_seen_at: now,
            ...fields,
          })
          .execute();
        existing.add(e.externalId);
        added++;
        // only what is still open: a new source's history must not raise a burst of old incidents
        if (e.kind === "incident" && !e.resolvedAt && e.status !== "resolved" && e.status !== "postmortem")
          await handOnAlert(
            trx,
            source.workspace_id,
            {
              kind: "status.incident",
              severity: e.impact === "critical" || e.impact === "major" ? "high" : "medium",
              vendorId: source.vendor_id,
              title: `vendor status: ${e.title}`,
              details: {
                source_id: source.id,
                external_id: e.externalId,
                status: e.status,
                impact: e.impact,
                services: servicesOf(e.components, map),
                started_at: e.startedAt,
              },
              dedupeKey: `status-incident:${source.id}:${e.externalId}`,
              evidenceUrl: source.url,
            },
            now,
          );
      }
    }
    await trx
      .updateTable("status_sources")
      .set({ state: "ok", error: null, last_polled_at: now })
      .where("id", "=", source.id)
      .execute();
    const result: PollResult = { sourceId: source.id, state: "ok", error: null, added, updated };
    await record?.(trx, result);
    return result;
  });
}

/** Polls every status source (all workspaces), one at a time per host. */
export async function runStatusRound(
  store: Store,
  now: Date,
  opts: WatchFetchOptions,
): Promise<{ polled: number; unreadable: number; added: number }> {
  const { hostOfUrl, runPerHost } = await import("../host-queue.js");
  const sources = await store.db.selectFrom("status_sources").selectAll().execute();
  let unreadable = 0;
  let added = 0;
  await runPerHost(
    sources,
    (s) => hostOfUrl(s.url),
    async (s) => {
      const r = await pollStatusSource(store, s, now, opts);
      if (r.state === "unreadable") unreadable++;
      added += r.added;
    },
  );
  return { polled: sources.length, unreadable, added };
}
