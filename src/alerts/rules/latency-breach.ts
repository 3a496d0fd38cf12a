import { sql } from "kysely";
import { evaluateLatency, loadLatencySamples } from "../../latency/index.js";
import { type LatencyTarget, LatencyTargets } from "../../terms/index.js";
import { type AlertRule, findingKey, type RuleOutcome } from "./rule.js";

/** The live window a latency commitment is judged over each round (the month's verdict is the report's). */
export const LATENCY_LOOKBACK_MINUTES = 60;

const STAT_WORD: Record<LatencyTarget["stat"], { en: string; zh: string }> = {
  each: { en: "slowest sample", zh: "最慢样本" },
  p50: { en: "p50", zh: "p50" },
  p90: { en: "p90", zh: "p90" },
  p95: { en: "p95", zh: "p95" },
  p99: { en: "p99", zh: "p99" },
};

/**
 * Latency commitment breached: each target of a contract's terms (`latency:`) judged per region on
 * the last hour of its probes' samples (the availability settings' `probe_ids`, else the vendor's;
 * a target's own `probes` when it names them), its statistic taken over that hour. Fires per
 * (contract, target) while a region breaches, with the breaching regions and sample counts;
 * recovers when the last hour is under the bound again; no judged sample keeps the alert as is.
 */
export const latencyRule: AlertRule = {
  name: "latency",
  async evaluate(db, now): Promise<RuleOutcome> {
    const out: RuleOutcome = { firing: [], unknown: new Set() };
    const contracts = await db
      .selectFrom("contracts as c")
      .leftJoin("availability_settings as s", "s.contract_id", "c.id")
      .select(["c.id", "c.workspace_id", "c.vendor_id", "c.name", "s.probe_ids"])
      .select(sql<unknown>`c.terms->'latency'`.as("latency"))
      .where(
        sql<boolean>`jsonb_typeof(c.terms->'latency') = 'array' and jsonb_array_length(c.terms->'latency') > 0`,
      )
      .execute();
    if (contracts.length === 0) return out;
    const vendorIds = [...new Set(contracts.map((c) => c.vendor_id).filter((v): v is string => v != null))];
    const vendorProbes = new Map<string, string[]>();
    if (vendorIds.length)
      for (const p of await db
        .selectFrom("probes")
        .select(["id", "vendor_id"])
        .where("vendor_id", "in", vendorIds)
        .execute())
        vendorProbes.set(p.vendor_id as string, [...(vendorProbes.get(p.vendor_id as string) ?? []), p.id]);
    const from = new Date(now.getTime() - LATENCY_LOOKBACK_MINUTES * 60_000);
    for (const c of contracts) {
      const parsed = LatencyTargets.safeParse(c.latency);
      if (!parsed.success) continue;
      // one window over the last hour: the statistic of the hour, whatever the committed window
      const targets = parsed.data.map((t) => ({
        ...t,
        window: "period" as const,
        min_samples: Math.min(t.min_samples, 3),
      }));
      const base = Array.isArray(c.probe_ids)
        ? (c.probe_ids as string[])
        : (vendorProbes.get(c.vendor_id ?? "") ?? []);
      const probeIds = [...new Set([...base, ...targets.flatMap((t) => t.probes ?? [])])];
      const samples = await loadLatencySamples(db, { workspaceId: c.workspace_id, probeIds, from, to: now });
      const report = evaluateLatency({
        targets,
        samples,
        period: {
          label: "last hour",
          timezone: "UTC",
          start: from.getTime(),
          end: now.getTime(),
          minutes: LATENCY_LOOKBACK_MINUTES,
        },
        now,
      });
      report.targets.forEach((r, i) => {
        const key = `latency:${c.id}:${i}`;
        if (r.met == null) {
          out.unknown.add(findingKey(c.workspace_id, key));
          return;
        }
        if (r.met) return;
        const t = parsed.data[i];
        const bad = r.regions.filter((g) => g.met === false);
        const regionName = (g: (typeof bad)[number], zh: boolean) =>
          g.region ?? (zh ? "未分区" : "no region");
        const fields = (zh: boolean): [string, string][] => [
          [
            zh ? "承诺" : "Commitment",
            `${t.metric} ${STAT_WORD[t.stat][zh ? "zh" : "en"]} < ${t.below_ms} ms`,
          ],
          ...bad.map((g): [string, string] => [
            regionName(g, zh),
            zh
              ? `${g.value_ms} ms,${g.breaching_samples.count}/${g.samples} 个样本超标`
              : `${g.value_ms} ms, ${g.breaching_samples.count} of ${g.samples} samples at or over`,
          ]),
        ];
        const worst = Math.max(...bad.map((g) => g.value_ms ?? 0));
        out.firing.push({
          workspace_id: c.workspace_id,
          key,
          rule: "latency",
          status: "firing",
          severity: "ticket",
          level: 1,
          vendor_id: c.vendor_id,
          subject: `${c.name}: ${t.metric} < ${t.below_ms} ms`,
          path: `/contracts?contract=${c.id}&view=latency`,
          message: {
            en: {
              title: `${c.name}: ${t.metric} latency over the committed ${t.below_ms} ms in ${bad.length} region(s)`,
              text: `In the last hour the ${STAT_WORD[t.stat].en} of ${t.metric} reached ${worst} ms; the contract commits to under ${t.below_ms} ms.`,
              fields: fields(false),
            },
            zh: {
              title: `${c.name}:${bad.length} 个区域的 ${t.metric} 延迟超过承诺的 ${t.below_ms} ms`,
              text: `最近一小时 ${t.metric} 的${STAT_WORD[t.stat].zh}达到 ${worst} ms;合同承诺低于 ${t.below_ms} ms。`,
              fields: fields(true),
            },
          },
        });
      });
    }
    return out;
  },
};
