import { describe, expect, it } from "vitest";
import { formatDuration } from "../i18n/i18n";
import { en } from "../i18n/messages-en";
import { zh } from "../i18n/messages-zh";
import { clockAt, type MetricState, summaryClockAt } from "./sla-state";
import type { SlaSummary } from "./ticket-types";

const base: MetricState = {
  state: "running",
  elapsed_minutes: 10,
  target_minutes: 60,
  due: "2026-10-01T10:00:00Z",
  breached_at: null,
  warnings: { at_50: "2026-10-01T09:30:00Z", at_75: "2026-10-01T09:45:00Z", at_100: "2026-10-01T10:00:00Z" },
};
const at = (iso: string) => Date.parse(iso);

describe("clockAt", () => {
  const cases: {
    name: string;
    metric: MetricState | null;
    now: string;
    expected: ReturnType<typeof clockAt>;
  }[] = [
    { name: "no metric", metric: null, now: "2026-10-01T09:00:00Z", expected: { kind: "none" } },
    {
      name: "running, well before due",
      metric: base,
      now: "2026-10-01T09:00:00Z",
      expected: { kind: "due", ms: 3_600_000 },
    },
    {
      name: "running, past the 75 % warning",
      metric: base,
      now: "2026-10-01T09:50:00Z",
      expected: { kind: "at_risk", ms: 600_000 },
    },
    {
      name: "running, past due counts up",
      metric: base,
      now: "2026-10-01T10:01:00Z",
      expected: { kind: "breached", ms: 60_000 },
    },
    {
      name: "paused stands still",
      metric: { ...base, state: "paused", due: null },
      now: "2026-10-01T12:00:00Z",
      expected: { kind: "paused" },
    },
    {
      name: "met",
      metric: { ...base, state: "met" },
      now: "2026-10-01T12:00:00Z",
      expected: { kind: "met" },
    },
    {
      name: "breached counts from breached_at",
      metric: { ...base, state: "breached", breached_at: "2026-10-01T10:00:00Z" },
      now: "2026-10-01T11:00:00Z",
      expected: { kind: "breached", ms: 3_600_000 },
    },
  ];
  for (const c of cases) it(c.name, () => expect(clockAt(c.metric, at(c.now))).toEqual(c.expected));
});

describe("summaryClockAt", () => {
  const running: SlaSummary = {
    state: "running",
    due: "2026-10-01T10:00:00Z",
    breached: false,
    at_risk: false,
    breached_metrics: [],
    breached_at: null,
    at_75: "2026-10-01T09:45:00Z",
  };
  const cases: {
    name: string;
    sla: SlaSummary | null;
    now: string;
    expected: ReturnType<typeof summaryClockAt>;
  }[] = [
    { name: "no summary", sla: null, now: "2026-10-01T09:00:00Z", expected: { kind: "none" } },
    {
      name: "running, before at_75",
      sla: running,
      now: "2026-10-01T09:44:59Z",
      expected: { kind: "due", ms: 901_000 },
    },
    {
      name: "running, exactly at at_75 turns at risk without a re-fetch",
      sla: running,
      now: "2026-10-01T09:45:00Z",
      expected: { kind: "at_risk", ms: 900_000 },
    },
    {
      name: "running, after at_75",
      sla: running,
      now: "2026-10-01T09:50:00Z",
      expected: { kind: "at_risk", ms: 600_000 },
    },
    {
      name: "server said at risk: still counts down to due",
      sla: { ...running, state: "at_risk", at_risk: true },
      now: "2026-10-01T09:50:00Z",
      expected: { kind: "at_risk", ms: 600_000 },
    },
    {
      name: "running without at_75 never turns at risk",
      sla: { ...running, at_75: null },
      now: "2026-10-01T09:59:00Z",
      expected: { kind: "due", ms: 60_000 },
    },
    {
      name: "running, past due counts up from due",
      sla: running,
      now: "2026-10-01T10:01:00Z",
      expected: { kind: "breached", ms: 60_000 },
    },
    {
      name: "breached counts up from breached_at (2 h 5 min ago)",
      sla: {
        ...running,
        state: "breached",
        breached: true,
        breached_metrics: ["first_response"],
        breached_at: "2026-10-01T08:00:00Z",
        due: "2026-10-01T16:00:00Z",
      },
      now: "2026-10-01T10:05:00Z",
      expected: { kind: "breached", ms: 7_500_000 },
    },
    {
      name: "breached without breached_at does not count from the next running due",
      sla: { ...running, state: "breached", breached: true, breached_metrics: ["resolution"] },
      now: "2026-10-01T09:00:00Z",
      expected: { kind: "breached", ms: null },
    },
    {
      name: "paused stands still",
      sla: { ...running, state: "paused", due: null, at_75: null },
      now: "2026-10-01T12:00:00Z",
      expected: { kind: "paused" },
    },
    {
      name: "met",
      sla: { ...running, state: "met", due: null, at_75: null },
      now: "2026-10-01T12:00:00Z",
      expected: { kind: "met" },
    },
    {
      name: "state none",
      sla: { ...running, state: "none", due: null, at_75: null },
      now: "2026-10-01T12:00:00Z",
      expected: { kind: "none" },
    },
  ];
  for (const c of cases) it(c.name, () => expect(summaryClockAt(c.sla, at(c.now))).toEqual(c.expected));
});

describe("breached … ago text", () => {
  const view = summaryClockAt(
    {
      state: "breached",
      due: null,
      breached: true,
      at_risk: false,
      breached_metrics: ["first_response"],
      breached_at: "2026-10-01T08:00:00Z",
      at_75: null,
    },
    at("2026-10-01T10:05:30Z"),
  );
  const cases = [
    { name: "en", lang: "en" as const, template: en["sla.breached"], expected: "breached 2 h 5 min ago" },
    { name: "zh-CN", lang: "zh" as const, template: zh["sla.breached"], expected: "2 小时 5 分前已超时" },
  ];
  for (const c of cases)
    it(c.name, () => {
      if (view.kind !== "breached" || view.ms === null) throw new Error(`unexpected view ${view.kind}`);
      expect(c.template.replaceAll("{t}", formatDuration(view.ms, c.lang))).toBe(c.expected);
    });
});
