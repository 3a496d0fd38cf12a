import type { Item, PracticeItems, ScenarioItems } from "../../terms/index.js";
import { type ExtractContext, has } from "./context.js";
import type { Segment } from "./document.js";
import { lex, lexUnion } from "./lexicon.js";

const SCENARIO_NAMES = [
  "peak_capacity",
  "emergency_scaling",
  "escalation_channel",
  "connect_time",
  "monitoring_alerts",
  "proactive_alerts",
  "av_sync",
  "weak_network_tools",
  "troubleshooting_guides",
  "global_nodes",
  "local_teams",
  "timezone_coverage",
];
const PRACTICE_NAMES = ["incident_cases", "test_environment", "service_review"];

import { findDurations, toMinutes } from "./numbers.js";

const CONNECT_MS =
  /(?:小于|低于|不超过|不高于|少于|以内|under|below|less than|within|<|≤)\s?(\d{2,5})\s?(?:ms|毫秒|milliseconds?)|(\d{2,5})\s?(?:ms|毫秒|milliseconds?)\s?(?:以内|之内|内)/i;

function flag(segs: Segment[], name: string, ctx: ExtractContext): Item | null {
  const seg = segs.find((s) => has(name, s.text));
  return seg ? { value: true, evidence: [ctx.spanOf(seg)] } : null;
}

function connectTime(segs: Segment[], ctx: ExtractContext): Item | null {
  for (const s of segs) {
    if (!has("connect_time", s.text)) continue;
    const m = CONNECT_MS.exec(s.text);
    if (m) return { value: Number(m[1] ?? m[2]), evidence: [ctx.spanOf(s)] };
  }
  return null;
}

function emergencyScaling(segs: Segment[], ctx: ExtractContext): Item | null {
  const seg = segs.find((s) => has("emergency_scaling", s.text));
  if (!seg) return null;
  const at = lex("emergency_scaling").exec(seg.text)?.index ?? 0;
  const d = [...findDurations(seg.text)].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
  const minutes = d ? toMinutes(d) : null;
  return { value: minutes ?? true, evidence: [ctx.spanOf(seg)] };
}

function serviceReview(segs: Segment[], ctx: ExtractContext): Item | null {
  const seg = segs.find((s) => has("service_review", s.text));
  if (!seg) return null;
  const cadence = /季度|quarter/i.test(seg.text)
    ? "quarterly"
    : /月度|每月|monthly/i.test(seg.text)
      ? "monthly"
      : /半年|semi-annual|half-year/i.test(seg.text)
        ? "semiannual"
        : /年度|annual/i.test(seg.text)
          ? "annual"
          : true;
  return { value: cadence, evidence: [ctx.spanOf(seg)] };
}

/** Scenario items (voice-cs, 1v1 social, live streaming, global) as committed in binding text. */
export function extractScenarioItems(ctx: ExtractContext): ScenarioItems {
  const gate = lexUnion(SCENARIO_NAMES);
  const segs = ctx.binding.filter((s) => gate.test(s.text));
  return {
    peak_capacity: flag(segs, "peak_capacity", ctx),
    emergency_scaling: emergencyScaling(segs, ctx),
    escalation_channel: flag(segs, "escalation_channel", ctx),
    connect_time_ms: connectTime(segs, ctx),
    monitoring_alerts: flag(segs, "monitoring_alerts", ctx),
    proactive_alerts: flag(segs, "proactive_alerts", ctx),
    av_sync: flag(segs, "av_sync", ctx),
    weak_network_tools: flag(segs, "weak_network_tools", ctx),
    troubleshooting_guides: flag(segs, "troubleshooting_guides", ctx),
    global_nodes: flag(segs, "global_nodes", ctx),
    local_teams: flag(segs, "local_teams", ctx),
    timezone_coverage: flag(segs, "timezone_coverage", ctx),
  };
}

/** Practice items: past incident cases, test-environment support, periodic service review. */
export function extractPracticeItems(ctx: ExtractContext): PracticeItems {
  const gate = lexUnion(PRACTICE_NAMES);
  const segs = ctx.binding.filter((s) => gate.test(s.text));
  const testEnv = segs.find(
    (s) =>
      has("test_environment", s.text) &&
      !has("exclusion", s.text) &&
      !/仅|only|不提供|not provide/i.test(s.text),
  );
  return {
    incident_cases: flag(segs, "incident_cases", ctx),
    test_environment: testEnv ? { value: true, evidence: [ctx.spanOf(testEnv)] } : null,
    service_review: serviceReview(segs, ctx),
  };
}
