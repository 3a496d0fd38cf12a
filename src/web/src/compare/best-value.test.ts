import { describe, expect, it } from "vitest";
import { bestInRow } from "./best-value";

describe("bestInRow", () => {
  const cases: { name: string; key: string; values: (string | null)[]; expected: number[] }[] = [
    {
      name: "higher availability target wins",
      key: "target_percent",
      values: ["99.9%", "99.95%"],
      expected: [1],
    },
    {
      name: "shorter RCA deadline wins",
      key: "deadline_hours",
      values: ["72 小时", "120 小时", null],
      expected: [0],
    },
    { name: "longer maintenance notice wins", key: "notice_hours", values: ["48 h", "72 h"], expected: [1] },
    { name: "equal values mark nobody", key: "notice_hours", values: ["72 h", "72 h"], expected: [] },
    {
      name: "yes beats no and silence",
      key: "dedicated_contact",
      values: ["no", "yes", null],
      expected: [1],
    },
    {
      name: "vendor records prevail is worse",
      key: "vendor_records_prevail",
      values: ["是", null],
      expected: [1],
    },
    { name: "a stated value beats silence", key: "tiers", values: [null, "P1: 15 min"], expected: [1] },
    {
      name: "24x7 coverage beats business hours",
      key: "coverage",
      values: ["business_hours", "24x7", null],
      expected: [1],
    },
    { name: "all silent: nobody", key: "tiers", values: [null, null], expected: [] },
  ];
  for (const c of cases) it(c.name, () => expect(bestInRow(c.key, c.values)).toEqual(c.expected));
});
