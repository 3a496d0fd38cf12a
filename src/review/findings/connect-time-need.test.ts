import { describe, expect, it } from "vitest";
import { emptyExtraction } from "../__tests__/extraction-fixtures.js";
import { findFindings } from "./find-findings.js";

/** An extraction whose scenario item `connect_time_ms` reads `ms`. */
function withConnect(ms: number) {
  const x = emptyExtraction();
  x.commitments.scenario.connect_time_ms = {
    value: ms,
    evidence: [{ start: 0, end: 14, line: 4, text: `接通时间不超过${ms}ms` }],
  };
  return x;
}

describe("a read connect-time target against the scenario's need", () => {
  it("1v1 social: 1,500 ms is slower than the 600 ms the scenario needs", () => {
    const found = findFindings(withConnect(1500), { scenario: "social-1v1", lang: "en" });
    const f = found.find((x) => x.id === "vague.connect_time_slow");
    expect(f?.title).toBe("Connect time committed at 1500 ms, slower than the 600 ms 1-on-1 social needs");
    expect(f?.evidence[0].text).toBe("接通时间不超过1500ms");
    expect(found.map((x) => x.id)).not.toContain("missing.connect_time");
  });

  it("600 ms meets the need; other scenarios do not judge connect time", () => {
    const ids = (ms: number, scenario: "social-1v1" | "general") =>
      findFindings(withConnect(ms), { scenario, lang: "zh" }).map((x) => x.id);
    expect(ids(600, "social-1v1")).not.toContain("vague.connect_time_slow");
    expect(ids(1500, "general")).not.toContain("vague.connect_time_slow");
  });
});
