import { describe, expect, it } from "vitest";
import type { Commitments } from "../terms/index.js";
import { type Claim, prepareClaim, renderClaim } from "./prepare-claim.js";
import { burst } from "./test-observations.js";

const SH = "Asia/Shanghai";
const span = (text: string) => ({ start: 0, end: text.length, line: 1, text });
const commitments: Pick<Commitments, "availability" | "credits" | "maintenance"> = {
  availability: {
    target_percent: 99.95,
    window: "month",
    formula: "slots",
    evidence: [span("服务可用性不低于99.95%,按5分钟粒度统计。")],
  },
  credits: {
    tiers: [
      { below_percent: 99.95, credit_percent: 10 },
      { below_percent: 99, credit_percent: 25 },
    ],
    form: "voucher",
    cap_percent: 50,
    claim_deadline_days: null,
    vendor_records_prevail: true,
    evidence: [span("赔偿以代金券形式发放,以腾讯云记录为准。<script>")],
  },
  maintenance: null,
};

function claimFor(
  observations = [
    ...burst("2026-10-12T10:00:00+08:00", 100, 40, { spreadSeconds: 290, region: "sg" }),
    ...burst("2026-10-12T10:05:00+08:00", 100, 100, { spreadSeconds: 290, source: "logs" }),
    ...burst("2026-10-20T03:00:00+08:00", 100, 3, { spreadSeconds: 290 }),
  ],
): Claim {
  // 25 minutes down take October (44,640 minutes) below 99.95%.
  return prepareClaim({
    contract: { name: "TRTC 服务协议 2026", vendor: "腾讯云" },
    commitments,
    formula: "tencent-trtc",
    period: "2026-10",
    timezone: SH,
    observations: [...observations, ...burst("2026-10-28T21:00:00+08:00", 50, 50, { spreadSeconds: 590 })],
    calendar: { nextOpen: (at: Date) => at }, // every day a business day (the real CN calendar is tested in claim-window)
  });
}

describe("claim letter", () => {
  it("lists each down slot with its evidence, the credit and the clause (Markdown, zh)", () => {
    const claim = claimFor();
    expect(claim.report.down_slots.map((s) => s.start)).toEqual([
      "2026-10-12T10:00:00+08:00",
      "2026-10-12T10:05:00+08:00",
      "2026-10-20T03:00:00+08:00",
      "2026-10-28T21:00:00+08:00",
      "2026-10-28T21:05:00+08:00",
    ]);
    expect(claim.credit).toMatchObject({ owed: true, credit_percent: 10, form: "voucher" });
    const md = renderClaim(claim, { lang: "zh", format: "md" });
    expect(md).toContain("# 服务赔偿申请 — 腾讯云 — 2026-10");
    // five down slots make three outages: one row each, the minutes go to the CSV attachment
    expect(claim.report.down_runs).toHaveLength(3);
    expect(md).toContain(
      "| 1 | 2026-10-12T10:00:00+08:00 | 2026-10-12T10:10:00+08:00 | 10 | 200 (140 ✗) | 我方请求日志, 独立拨测 | sg |",
    );
    expect(md).toContain("| 3 | 2026-10-28T21:00:00+08:00 | 2026-10-28T21:10:00+08:00 | 10 | 50 (50 ✗) |");
    expect(md).toContain("逐分钟证据见附件 evidence-2026-10.csv(共 25 分钟)");
    expect(md).toContain("> 服务可用性不低于99.95%,按5分钟粒度统计。");
    expect(md).toContain("代金券");
    expect(md).toContain("以贵方记录为准");
    expect(md).toContain("自 2026-11-05 起可申请");
  });

  it("renders English HTML with every value escaped", () => {
    const html = renderClaim(claimFor(), { lang: "en", format: "html" });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<h1>Service credit claim — 腾讯云 — 2026-10</h1>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("voucher");
    expect(html.match(/<tr>/g)?.length).toBe(4); // header + 3 outages
  });

  it("says no credit is owed when the commitment was met", () => {
    const fine = prepareClaim({
      contract: { name: "x" },
      commitments,
      formula: "tencent-trtc",
      period: "2026-10",
      timezone: SH,
      observations: burst("2026-10-12T10:00:00+08:00", 100, 0),
      calendar: { nextOpen: (at: Date) => at },
    });
    expect(fine.credit.owed).toBe(false);
    expect(fine.letter).toMatchObject({ offered: false, reason: "commitment_met" });
    expect(fine.letter.message?.en).toContain("no credit is owed");
  });
});
