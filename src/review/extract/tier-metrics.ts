import type { Coverage, SupportTier } from "../../terms/index.js";
import { has, lastIndexOfLex } from "./context.js";
import type { Duration } from "./numbers.js";
import { toMinutes } from "./numbers.js";

/** Shared by table and prose tier readers: which metric a time is, and how it is stored. */
export type Metric = "response" | "resolution";

export function coverageOf(text: string): Coverage | null {
  if (has("coverage_24x7", text)) return "24x7";
  if (has("coverage_business", text)) return "business_hours";
  return null;
}

export function emptyTier(severity: string): SupportTier {
  return {
    severity,
    description: null,
    response_minutes: null,
    response_business_days: null,
    resolution_minutes: null,
    resolution_business_days: null,
    coverage: null,
    evidence: [],
  };
}

export function setMetric(tier: SupportTier, metric: Metric, d: Duration): void {
  if (d.businessHours) tier.coverage ??= "business_hours";
  if (metric === "response" && tier.response_minutes === null && tier.response_business_days == null) {
    if (d.unit === "business_days") tier.response_business_days = d.value;
    else tier.response_minutes = toMinutes(d);
  }
  if (metric === "resolution" && tier.resolution_minutes === null && tier.resolution_business_days == null) {
    if (d.unit === "business_days") tier.resolution_business_days = d.value;
    else tier.resolution_minutes = toMinutes(d);
  }
}

/** Which metric a duration belongs to: a keyword right after it ("15 分钟内响应"), else the last one before it. */
/** "cannot be resolved within 1 hour": the time triggers something else (an escalation), it is no target. */
const NOT_DONE =
  /(?:cannot|can't|not|unable to)\s(?:be\s)?(?:resolv|respond|restor|fix)|(?:未能|无法|未)(?:在[^，。；]{0,6})?(?:解决|响应|恢复)/i;

export function metricOf(text: string, d: Duration, from: number): Metric | null {
  const after = (
    text.slice(d.end, d.end + 12).split(/[，,；;。:：|/]|\band\b|\bor\b|及|和|并|且/)[0] ?? ""
  ).slice(0, 10);
  if (has("resolution", after)) return "resolution";
  if (has("response", after)) return "response";
  const before = text.slice(from, d.start);
  if (NOT_DONE.test(before)) return null;
  const res = lastIndexOfLex("resolution", before);
  const resp = lastIndexOfLex("response", before);
  if (res < 0 && resp < 0) return null;
  return res > resp ? "resolution" : "response";
}

export function usable(d: Duration): boolean {
  if (d.frequency) return false;
  return d.unit !== "months" && (d.unit !== "business_days" || d.value <= 10);
}

/** True when a tier has any time at all. */
export function timed(t: SupportTier): boolean {
  return (
    t.response_minutes !== null ||
    t.resolution_minutes !== null ||
    t.response_business_days != null ||
    t.resolution_business_days != null
  );
}
