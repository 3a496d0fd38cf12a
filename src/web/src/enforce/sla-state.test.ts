import { describe, expect, it } from "vitest";
import { clockAt, type MetricState } from "./sla-state";

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
