import type { AlertMessage } from "./alert-message.js";
import type { AlertState } from "./alert-state.js";
import type { BurnEvaluation } from "./burn-rate.js";

const WORDS = {
  en: {
    firing: (c: string) => `${c}: availability error budget burning fast`,
    resolved: (c: string) => `${c}: recovered`,
    firingText: (rule: string, burn: string, budget: string) =>
      `Rule "${rule}": the error budget burns ${burn}× faster than the target allows (${budget} of a 30-day budget per hour at this rate).`,
    resolvedText: (minutes: number) => `The burn rate is back under every threshold after ${minutes} min.`,
    target: "Target",
    long: "Long window",
    short: "Short window",
  },
  zh: {
    firing: (c: string) => `${c}:可用性错误预算快速消耗`,
    resolved: (c: string) => `${c}:已恢复`,
    firingText: (rule: string, burn: string, budget: string) =>
      `规则「${rule}」:错误预算消耗速度为目标允许的 ${burn} 倍(按此速度每小时耗掉30天预算的 ${budget})。`,
    resolvedText: (minutes: number) => `消耗速度已回到所有阈值以下,持续 ${minutes} 分钟后恢复。`,
    target: "目标",
    long: "长窗口",
    short: "短窗口",
  },
} as const;

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const windowLabel = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);

/** The alert (or recovery) message for a contract's burn-rate evaluation. Pure. */
export function buildBurnRateMessage(input: {
  key: string;
  contract: string;
  evaluation: BurnEvaluation;
  status: "firing" | "resolved";
  /** The state before this step: its `since` dates the recovery. */
  previous?: AlertState | null;
  lang: "zh" | "en";
  url?: string | null;
}): AlertMessage {
  const w = WORDS[input.lang];
  const ev = input.evaluation;
  const at = new Date(ev.at).toISOString();
  if (input.status === "resolved") {
    const minutes = input.previous ? Math.round((ev.at - input.previous.since) / 60_000) : 0;
    return {
      key: input.key,
      status: "resolved",
      severity: input.previous?.severity ?? "page",
      title: w.resolved(input.contract),
      text: w.resolvedText(minutes),
      fields: [[w.target, `${ev.target_percent}%`]],
      url: input.url ?? null,
      at,
      lang: input.lang,
    };
  }
  const r = ev.firing ?? ev.rules[0];
  const perHour = (r.long.burn / (30 * 24)) * 1; // share of a 30-day budget burnt per hour
  return {
    key: input.key,
    status: "firing",
    severity: r.rule.severity,
    title: w.firing(input.contract),
    text: w.firingText(r.rule.name, r.long.burn.toFixed(1), pct(perHour)),
    fields: [
      [w.target, `${ev.target_percent}%`],
      [
        `${w.long} (${windowLabel(r.rule.long_minutes)})`,
        `${pct(r.long.error_rate)} · ${r.long.failures}/${r.long.requests} · ${r.long.burn.toFixed(1)}×`,
      ],
      [
        `${w.short} (${windowLabel(r.rule.short_minutes)})`,
        `${pct(r.short.error_rate)} · ${r.short.failures}/${r.short.requests} · ${r.short.burn.toFixed(1)}×`,
      ],
    ],
    url: input.url ?? null,
    at,
    lang: input.lang,
  };
}
