import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/index.js";
import { type ErrorPhase, errorPhase } from "../probe-status.js";
import { alertDb } from "../storage/tables.js";
import { type AlertRule, findingKey, type RuleFinding, type RuleOutcome } from "./rule.js";

/** A region counts as down when most samples of its latest minute (within this window) failed. */
export const REGION_LOOKBACK_MINUTES = 5;

export interface RegionState {
  region: string;
  down: boolean;
  count: number;
  fail: number;
  error: string | null;
  phase: ErrorPhase | null;
}

/** Default N of M: a majority of the probe's regions. */
export const defaultMinFailing = (regions: number) => Math.floor(regions / 2) + 1;

/**
 * N of M regions: a probe alerts when at least N of its M regions are down at once (N per probe in
 * alert_probe_policies, else a majority), so a single-region blip (often the agent's own network)
 * is not a vendor outage. All regions down escalates. A probe with no recent data is left as is.
 */
export const probeRegionsRule: AlertRule = {
  name: "probe-regions",
  async evaluate(db0, now): Promise<RuleOutcome> {
    const db = alertDb(db0);
    const from = new Date(now.getTime() - REGION_LOOKBACK_MINUTES * 60_000);
    // Candidates first: probes with a failing minute in the window (partial index of migration
    // 0760, so healthy probes cost nothing); a region down in its latest minute failed in it, so
    // the latest minute per region is read for the candidates only.
    const failing = db
      .selectFrom("probe_rollups")
      .select("probe_id")
      .where("resolution", "=", "minute")
      .where("fail", ">", 0)
      .where("bucket_start", ">=", from)
      .where("bucket_start", "<=", now);
    const latest = db
      .selectFrom("probe_rollups")
      .select(["probe_id", "region", "count", "ok", "fail"])
      .distinctOn(["probe_id", "region"])
      .where("probe_id", "in", failing)
      .where("resolution", "=", "minute")
      .where("bucket_start", ">=", from)
      .where("bucket_start", "<=", now)
      .orderBy("probe_id")
      .orderBy("region")
      .orderBy("bucket_start", "desc")
      .as("l");
    const withDown = await db
      .selectFrom(latest)
      .innerJoin("probes", "probes.id", "l.probe_id")
      .leftJoin("alert_probe_policies as pol", "pol.probe_id", "l.probe_id")
      .select([
        "l.probe_id as id",
        "probes.workspace_id",
        "probes.vendor_id",
        "probes.name",
        "probes.url",
        "probes.regions",
        "pol.min_failing_regions",
        sql<string>`json_agg(json_build_array(l.region, l.count, l.fail, l.ok))::text`.as("seen"),
      ])
      .where("probes.enabled", "=", true)
      .groupBy([
        "l.probe_id",
        "probes.workspace_id",
        "probes.vendor_id",
        "probes.name",
        "probes.url",
        "probes.regions",
        "pol.min_failing_regions",
      ])
      .having(sql<boolean>`bool_or(l.fail > l.ok)`)
      .execute();
    const out: RuleOutcome = { firing: [], unknown: new Set() };
    const candidates: { probe: (typeof withDown)[number]; regions: RegionState[]; n: number; m: number }[] =
      [];
    for (const p of withDown) {
      const seen = JSON.parse(p.seen) as [string, number, number, number][];
      const configured = Array.isArray(p.regions) ? (p.regions as string[]) : [];
      const m = Math.max(configured.length, seen.length);
      const n = Math.min(p.min_failing_regions ?? defaultMinFailing(m), m);
      const regions = seen
        .map(([region, count, fail, ok]) => ({
          region: region || "server",
          down: fail > ok,
          count,
          fail,
          error: null,
          phase: null,
        }))
        .sort((a, b) => a.region.localeCompare(b.region));
      if (regions.filter((r) => r.down).length >= n) candidates.push({ probe: p, regions, n, m });
    }
    // Open alerts of probes with no data in the window are left as they are (not "recovered").
    const open = await db
      .selectFrom("alerts")
      .select(["workspace_id", "key"])
      .where("rule", "=", "probe-regions")
      .where("status", "=", "firing")
      .execute();
    if (open.length) {
      const ids = open.map((a) => a.key.slice("probe:".length));
      const alive = new Set(
        (
          await db
            .selectFrom("probe_rollups")
            .select("probe_id")
            .distinct()
            .where("probe_id", "in", ids)
            .where("resolution", "=", "minute")
            .where("bucket_start", ">=", from)
            .where("bucket_start", "<=", now)
            .execute()
        ).map((r) => r.probe_id),
      );
      for (const a of open)
        if (!alive.has(a.key.slice("probe:".length))) out.unknown.add(findingKey(a.workspace_id, a.key));
    }
    if (candidates.length) await addLastErrors(db0, candidates, from);
    for (const c of candidates) out.firing.push(finding(c.probe, c.regions, c.n, c.m));
    return out;
  },
};

/** The last failed sample per region of each alerting probe: its error and phase go in the message. */
async function addLastErrors(
  db: Kysely<Database>,
  candidates: { probe: { id: string }; regions: RegionState[] }[],
  from: Date,
): Promise<void> {
  const rows = await db
    .selectFrom("probe_samples")
    .select(["probe_id", "region", "error", "sample"])
    .distinctOn(["probe_id", "region"])
    .where(
      "probe_id",
      "in",
      candidates.map((c) => c.probe.id),
    )
    .where("at", ">=", from)
    .where("ok", "=", false)
    .orderBy("probe_id")
    .orderBy("region")
    .orderBy("at", "desc")
    .execute();
  for (const c of candidates) {
    for (const r of c.regions) {
      const row = rows.find((x) => x.probe_id === c.probe.id && (x.region || "server") === r.region);
      if (!row || !r.down) continue;
      r.error = row.error;
      r.phase = errorPhase(row.sample as Record<string, unknown>);
    }
  }
}

function finding(
  p: { id: string; workspace_id: string; vendor_id: string | null; name: string | null; url: string },
  regions: RegionState[],
  n: number,
  m: number,
): RuleFinding {
  const down = regions.filter((r) => r.down);
  const name = p.name ?? new URL(p.url).host;
  const line = (r: RegionState, zh: boolean): [string, string] => [
    r.region,
    r.down
      ? `${zh ? "故障" : "down"} (${r.fail}/${r.count})${r.error ? `: ${r.error.slice(0, 200)}` : ""}${r.phase ? ` [${r.phase}]` : ""}`
      : `${zh ? "正常" : "up"} (${r.count - r.fail}/${r.count})`,
  ];
  return {
    workspace_id: p.workspace_id,
    key: `probe:${p.id}`,
    rule: "probe-regions",
    status: "firing",
    severity: "page",
    level: down.length >= m ? 2 : 1,
    vendor_id: p.vendor_id,
    subject: name,
    path: `/probes/${p.id}`,
    message: {
      en: {
        title: `${name} is down in ${down.length} of ${m} regions`,
        text: `At least ${n} of ${m} regions must fail before this probe alerts; ${down.map((r) => r.region).join(", ")} failed.`,
        fields: regions.map((r) => line(r, false)),
      },
      zh: {
        title: `${name} 在 ${m} 个区域中有 ${down.length} 个故障`,
        text: `至少 ${n}/${m} 个区域失败才告警;失败区域:${down.map((r) => r.region).join("、")}。`,
        fields: regions.map((r) => line(r, true)),
      },
    },
  };
}
