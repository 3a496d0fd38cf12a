import { type QueryCreator, sql } from "kysely";
import { getVendorFormula, type VendorFormula } from "../../availability/index.js";
import type { Database } from "../../store/index.js";
import { type BurnRule, defaultBurnRules } from "../burn-rate.js";
import { alertDb } from "../storage/tables.js";
import type { AlertRule, RuleOutcome } from "./rule.js";

/** Windows up to this long are read from minute rollups; longer ones from hour rollups. */
const MINUTE_WINDOW_LIMIT = 60;
/**
 * Minute buckets this far behind the previous round are taken as settled and not read again (a
 * batch an agent buffered for longer still counts for availability, not for this round's burn).
 */
const MINUTE_SETTLE_MS = 3 * 60_000;

interface BurnCache {
  hourEnd: number;
  /** Hour buckets per probe set, loaded once an hour. */
  hours: Map<string, Bucket[]>;
  /** Minute buckets per probe set, kept only for sets with a failure (or an open alert) in the window. */
  minutes: Map<string, Map<number, Bucket>>;
  lastNow: number;
}
/** Per store handle (a process may hold several stores: tests, bench). */
const caches = new WeakMap<object, BurnCache>();

interface Bucket {
  t: number;
  count: number;
  fail: number;
}

/**
 * Share of the error budget a window uses, on the vendor's formula: `requests` counts failed
 * requests; `time` and `slots` count down buckets/slots (a bucket is down by the formula's own
 * threshold). Windows over an hour use hour rollups, where the whole hour is judged as one bucket.
 */
export function badShare(
  buckets: readonly Bucket[],
  formula: VendorFormula,
  bucketMinutes: number,
): { bad: number; total: number } {
  const p = formula.params as Record<string, number | string | undefined>;
  if (formula.kind === "requests") {
    let total = 0;
    let bad = 0;
    for (const b of buckets) {
      total += b.count;
      bad += b.fail;
    }
    return { bad, total };
  }
  const minRequests = Number(p.min_requests ?? 1);
  const slot =
    formula.kind === "slots" ? Math.max(Number(p.slot_minutes ?? 5), bucketMinutes) : bucketMinutes;
  const groups = new Map<number, { count: number; fail: number }>();
  for (const b of buckets) {
    const k = Math.floor(b.t / (slot * 60_000));
    const g = groups.get(k) ?? { count: 0, fail: 0 };
    g.count += b.count;
    g.fail += b.fail;
    groups.set(k, g);
  }
  let bad = 0;
  let total = 0;
  for (const g of groups.values()) {
    if (g.count < minRequests) continue;
    total += 1;
    const errorPct = (g.fail / g.count) * 100;
    const down =
      formula.kind === "slots"
        ? 100 - errorPct < Number(p.down_success_below_percent ?? 99)
        : errorPct > Number(p.down_error_rate_above_percent ?? 0);
    if (down) bad += 1;
  }
  return { bad, total };
}

/**
 * The probes a contract is measured on: the ones its availability settings name (`probe_ids`), or
 * else every probe of its vendor. Set keys: `c:<contract>` or `v:<vendor>`.
 */
const probeSets = (db: QueryCreator<Database>) =>
  db
    .selectFrom("probes as p")
    .select([sql<string>`'v:' || p.vendor_id`.as("k"), "p.id as probe_id"])
    .where("p.vendor_id", "is not", null)
    .unionAll(
      db
        .selectFrom("availability_settings as s")
        // a set-returning function in the select list: one row per listed probe
        .select([
          sql<string>`'c:' || s.contract_id`.as("k"),
          sql<string>`jsonb_array_elements_text(s.probe_ids)`.as("probe_id"),
        ])
        .where(sql<boolean>`jsonb_typeof(s.probe_ids) = 'array'`),
    );

/**
 * Availability burn rate per contract with a target (multi-window: a rule fires when its long and
 * short windows both burn the error budget at least at its rate), from the rollups of the contract's
 * probes (its availability settings' `probe_ids`, else its vendor's), on the contract's vendor formula.
 *
 * Cost: hour windows end at the last full hour, so they are read once an hour. A minute window can
 * only burn where a minute failed, so minute buckets are read only for probe sets with a failing
 * minute in the window (partial index, migration 0760) or an open alert, and for those only the
 * minutes since the previous round once they are cached.
 */
export function createBurnRateRule(rules: BurnRule[] = defaultBurnRules): AlertRule {
  const windows = [...new Set(rules.flatMap((r) => [r.long_minutes, r.short_minutes]))];
  const longestMinute = Math.max(0, ...windows.filter((w) => w <= MINUTE_WINDOW_LIMIT));
  const longestHour = Math.max(0, ...windows.filter((w) => w > MINUTE_WINDOW_LIMIT));
  return {
    name: "burn-rate",
    async evaluate(db, now): Promise<RuleOutcome> {
      const out: RuleOutcome = { firing: [], unknown: new Set() };
      const contracts = await db
        .selectFrom("contracts as c")
        .leftJoin("availability_settings as s", "s.contract_id", "c.id")
        .select([
          "c.id",
          "c.workspace_id",
          "c.vendor_id",
          "c.name",
          sql<number | null>`(c.terms->'commitments'->'availability'->>'target_percent')::float8`.as(
            "target",
          ),
          "s.formula",
          sql<boolean>`coalesce(jsonb_typeof(s.probe_ids) = 'array', false)`.as("own_probes"),
        ])
        .where("c.vendor_id", "is not", null)
        .where(sql<boolean>`(c.terms->'commitments'->'availability'->>'target_percent') is not null`)
        .execute();
      const live = contracts.filter((c) => c.target != null && c.target > 0 && c.target < 100);
      if (live.length === 0) return out;
      const setOf = (c: (typeof live)[number]) => (c.own_probes ? `c:${c.id}` : `v:${c.vendor_id}`);
      const cache = caches.get(db) ?? { hourEnd: -1, hours: new Map(), minutes: new Map(), lastNow: -1 };
      caches.set(db, cache);
      const t = now.getTime();
      if (t < cache.lastNow) {
        // the clock went back (tests, a replay): start over
        cache.hourEnd = -1;
        cache.minutes.clear();
        cache.lastNow = -1;
      }
      const sums = (resolution: "minute" | "hour", from: number, to: number, keys: string[] | null) => {
        let q = db
          .with("sets", probeSets)
          .selectFrom("probe_rollups as r")
          .innerJoin("sets", "sets.probe_id", "r.probe_id")
          .select([
            "sets.k",
            "r.bucket_start",
            sql<number>`sum(r.count)::int`.as("count"),
            sql<number>`sum(r.fail)::int`.as("fail"),
          ])
          .where("r.resolution", "=", resolution)
          .where("r.bucket_start", ">=", new Date(from))
          .where("r.bucket_start", "<", new Date(to))
          .groupBy(["sets.k", "r.bucket_start"]);
        if (keys) q = q.where("sets.k", "in", keys);
        return q.execute();
      };
      const hourEnd = Math.floor(t / 3_600_000) * 3_600_000;
      if (longestHour > 0 && cache.hourEnd !== hourEnd) {
        cache.hours.clear();
        for (const r of await sums("hour", hourEnd - longestHour * 60_000, hourEnd, null)) {
          const list = cache.hours.get(r.k) ?? [];
          list.push({ t: new Date(r.bucket_start).getTime(), count: r.count, fail: r.fail });
          cache.hours.set(r.k, list);
        }
        cache.hourEnd = hourEnd;
      }
      if (longestMinute > 0) {
        const windowStart = t - longestMinute * 60_000;
        // sets with a failing minute in the window (partial index): elsewhere no minute window burns
        const failing = await db
          .with("sets", probeSets)
          .selectFrom("probe_rollups as r")
          .innerJoin("sets", "sets.probe_id", "r.probe_id")
          .select("sets.k")
          .distinct()
          .where("r.resolution", "=", "minute")
          .where("r.fail", ">", 0)
          .where("r.bucket_start", ">=", new Date(windowStart))
          .where("r.bucket_start", "<", now)
          .execute();
        const wanted = new Set(failing.map((r) => r.k));
        for (const k of cache.minutes.keys()) if (!wanted.has(k)) cache.minutes.delete(k);
        const fresh = [...wanted].filter((k) => !cache.minutes.has(k));
        const kept = [...wanted].filter((k) => cache.minutes.has(k));
        // Minute buckets older than MINUTE_SETTLE_MS before the previous round are settled: kept.
        const settled = Math.max(windowStart, Math.floor(cache.lastNow / 60_000) * 60_000 - MINUTE_SETTLE_MS);
        const reads: [string[], number][] = [
          [fresh, windowStart],
          [kept, settled],
        ];
        for (const [keys, from] of reads) {
          if (keys.length === 0) continue;
          for (const k of keys) if (!cache.minutes.has(k)) cache.minutes.set(k, new Map());
          for (let i = 0; i < keys.length; i += 500)
            for (const r of await sums("minute", from, t, keys.slice(i, i + 500))) {
              const bt = new Date(r.bucket_start).getTime();
              cache.minutes.get(r.k)?.set(bt, { t: bt, count: r.count, fail: r.fail });
            }
        }
        for (const m of cache.minutes.values())
          for (const k of m.keys()) if (k < windowStart - 60_000) m.delete(k);
      }
      cache.lastNow = t;
      const minutes = new Map<string, Bucket[]>();
      for (const [k, m] of cache.minutes) minutes.set(k, [...m.values()]);
      const hours = cache.hours;
      // An open alert on a set with neither failing minutes nor hour data: recover it only if the
      // set has minute data at all (healthy), else it cannot be judged (no data) and stays.
      const open = await alertDb(db)
        .selectFrom("alerts")
        .select(["workspace_id", "key"])
        .where("rule", "=", "burn-rate")
        .where("status", "=", "firing")
        .execute();
      const openIds = new Set(open.map((a) => a.key.slice("burn:".length)));
      const blind = live.filter((c) => openIds.has(c.id) && !minutes.has(setOf(c)) && !hours.has(setOf(c)));
      if (blind.length && longestMinute > 0) {
        const seen = new Set(
          (
            await db
              .with("sets", probeSets)
              .selectFrom("probe_rollups as r")
              .innerJoin("sets", "sets.probe_id", "r.probe_id")
              .select("sets.k")
              .distinct()
              .where("sets.k", "in", [...new Set(blind.map(setOf))])
              .where("r.resolution", "=", "minute")
              .where("r.bucket_start", ">=", new Date(t - longestMinute * 60_000))
              .where("r.bucket_start", "<", now)
              .execute()
          ).map((r) => r.k),
        );
        for (const c of blind) if (!seen.has(setOf(c))) out.unknown.add(`${c.workspace_id}|burn:${c.id}`);
      } else for (const c of blind) out.unknown.add(`${c.workspace_id}|burn:${c.id}`);
      for (const c of live) {
        const set = setOf(c);
        // no failing minute and no hour bucket: nothing can burn, and no open alert depends on it
        if (!minutes.has(set) && !hours.has(set)) continue;
        const formula = getVendorFormula(c.formula ?? "generic-time");
        const budget = 1 - (c.target as number) / 100;
        const burnOf = (w: number) => {
          const hour = w > MINUTE_WINDOW_LIMIT;
          const all: Bucket[] = (hour ? hours : minutes).get(set) ?? [];
          const end = hour ? Math.floor(now.getTime() / 3_600_000) * 3_600_000 : now.getTime();
          const mine = all.filter((b) => b.t >= end - w * 60_000 && b.t < end);
          const s = badShare(mine, formula, hour ? 60 : 1);
          return { ...s, burn: s.total ? s.bad / s.total / budget : 0 };
        };
        const evaluated = rules.map((rule) => {
          const long = burnOf(rule.long_minutes);
          const short = burnOf(rule.short_minutes);
          return { rule, long, short, firing: long.burn >= rule.burn_rate && short.burn >= rule.burn_rate };
        });
        if (evaluated.every((e) => e.long.total === 0)) {
          out.unknown.add(`${c.workspace_id}|burn:${c.id}`);
          continue;
        }
        const hit = evaluated
          .filter((e) => e.firing)
          .sort((a, b) => (a.rule.severity === "page" ? 0 : 1) - (b.rule.severity === "page" ? 0 : 1))[0];
        if (!hit) continue;
        const page = hit.rule.severity === "page";
        const fields = (zh: boolean): [string, string][] => [
          [zh ? "目标" : "Target", `${c.target}%`],
          [zh ? "公式" : "Formula", formula.id],
          [
            zh ? `${hit.rule.long_minutes} 分钟窗口` : `${hit.rule.long_minutes} min window`,
            `${hit.long.burn.toFixed(1)}× (${hit.long.bad}/${hit.long.total})`,
          ],
          [
            zh ? `${hit.rule.short_minutes} 分钟窗口` : `${hit.rule.short_minutes} min window`,
            `${hit.short.burn.toFixed(1)}× (${hit.short.bad}/${hit.short.total})`,
          ],
        ];
        out.firing.push({
          workspace_id: c.workspace_id,
          key: `burn:${c.id}`,
          rule: "burn-rate",
          status: "firing",
          severity: hit.rule.severity,
          level: page ? 2 : 1,
          vendor_id: c.vendor_id,
          subject: c.name,
          path: `/credits?contract=${c.id}`,
          message: {
            en: {
              title: `${c.name}: error budget burning ${hit.long.burn.toFixed(1)}× (${hit.rule.name})`,
              text: `At this rate the ${c.target}% availability target is missed; measured on the vendor's formula (${formula.id}).`,
              fields: fields(false),
            },
            zh: {
              title: `${c.name}:错误预算消耗速度 ${hit.long.burn.toFixed(1)} 倍(${hit.rule.name})`,
              text: `按此速度将无法达到 ${c.target}% 的可用性目标;按供应商公式(${formula.id})计算。`,
              fields: fields(true),
            },
          },
        });
      }
      return out;
    },
  };
}

export const burnRateRule = createBurnRateRule();
