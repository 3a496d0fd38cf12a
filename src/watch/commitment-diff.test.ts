import { describe, expect, it } from "vitest";
import { type CommitmentsLike, diffCommitments } from "./commitment-diff.js";

const span = (text: string) => [{ text, line: 1, start: 0, end: text.length }];
const base: CommitmentsLike = {
  availability: { target_percent: 99.95, evidence: span("99.95%") },
  credits: {
    claim_deadline_days: 60,
    cap_percent: 50,
    vendor_records_prevail: false,
    tiers: [{ credit_percent: 25 }],
    evidence: span("60 days"),
  },
  support: {
    tiers: [{ severity: "P1", response_minutes: 15, resolution_minutes: 240, evidence: span("P1 15 min") }],
  },
  rca: { committed: true, deadline_hours: 72 },
  maintenance: { notice_hours: 72 },
  exclusions: [{ category: "force_majeure", broad: false, evidence: span("force majeure") }],
};

describe("commitment diff", () => {
  it.each([
    [
      "availability lowered",
      { availability: { target_percent: 99.9, evidence: span("99.9%") } },
      "availability.target_percent",
      "weakened",
      "availability 99.95 % → 99.9 %",
    ],
    [
      "availability raised",
      { availability: { target_percent: 99.99 } },
      "availability.target_percent",
      "strengthened",
      "availability 99.95 % → 99.99 %",
    ],
    [
      "availability removed",
      { availability: null },
      "availability.target_percent",
      "weakened",
      "availability 99.95 % → none",
    ],
    [
      "claim window shortened",
      { credits: { ...base.credits, claim_deadline_days: 30 } },
      "credits.claim_window_days",
      "weakened",
      "claim window 60 days → 30 days",
    ],
    [
      "claim window in months",
      {
        credits: { ...base.credits, claim_deadline_days: null, claim_window: { amount: 1, unit: "months" } },
      },
      "credits.claim_window_days",
      "weakened",
      "claim window 60 days → 30 days",
    ],
    [
      "P1 response slower",
      { support: { tiers: [{ severity: "P1", response_minutes: 30, resolution_minutes: 240 }] } },
      "support.P1.response_minutes",
      "weakened",
      "P1 response 15 min → 30 min",
    ],
    [
      "P1 tier dropped",
      { support: { tiers: [] } },
      "support.P1.response_minutes",
      "weakened",
      "P1 response 15 min → none",
    ],
    [
      "exclusion added",
      { exclusions: [...(base.exclusions ?? []), { category: "third_party", broad: true }] },
      "exclusions.third_party",
      "weakened",
      "exclusion added: third-party networks and services",
    ],
    [
      "exclusion broadened",
      { exclusions: [{ category: "force_majeure", broad: true }] },
      "exclusions.force_majeure.broad",
      "weakened",
      "exclusion broadened: force majeure",
    ],
    [
      "exclusion removed",
      { exclusions: [] },
      "exclusions.force_majeure",
      "strengthened",
      "exclusion removed: force majeure",
    ],
    [
      "vendor records prevail",
      { credits: { ...base.credits, vendor_records_prevail: true } },
      "credits.vendor_records_prevail",
      "weakened",
      "vendor's records now prevail in credit disputes",
    ],
    [
      "RCA dropped",
      { rca: { committed: false, deadline_hours: 72 } },
      "rca.committed",
      "weakened",
      "written root-cause report no longer committed",
    ],
    [
      "maintenance notice shorter",
      { maintenance: { notice_hours: 24 } },
      "maintenance.notice_hours",
      "weakened",
      "maintenance notice 72 h → 24 h",
    ],
  ] as const)("%s", (_name, patch, id, direction, summary) => {
    const changes = diffCommitments(
      { commitments: base },
      { commitments: { ...base, ...patch } as CommitmentsLike },
    );
    const change = changes.find((c) => c.id === id);
    expect(change).toMatchObject({ direction, summary });
    // nothing changes outside the topic touched
    expect(changes.filter((c) => c.topic !== id.split(".")[0])).toEqual([]);
  });

  it("keeps both evidence spans and finds nothing when nothing changed", () => {
    expect(diffCommitments({ commitments: base }, { commitments: base })).toEqual([]);
    const [c] = diffCommitments(
      { commitments: base },
      { commitments: { ...base, availability: { target_percent: 99.9, evidence: span("99.9%") } } },
    );
    expect(c.before_evidence[0].text).toBe("99.95%");
    expect(c.after_evidence[0].text).toBe("99.9%");
  });

  it("reports vague wording added only between two reviews", () => {
    const vague = [{ id: "vague.best_effort", kind: "vague", evidence: span("best effort") }];
    const changes = diffCommitments(
      { commitments: base, findings: [] },
      { commitments: base, findings: vague },
    );
    expect(changes).toEqual([
      expect.objectContaining({
        id: "vague.best_effort",
        direction: "weakened",
        summary: 'vague wording added: "best effort"',
      }),
    ]);
    expect(diffCommitments({ commitments: base }, { commitments: base, findings: vague })).toEqual([]);
  });
});
