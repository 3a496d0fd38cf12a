import { describe, expect, it } from "vitest";
import { extractCommitments } from "./index.js";

const tiersOf = (text: string) =>
  (extractCommitments(text).commitments.support?.tiers ?? []).map((t) => ({
    severity: t.severity,
    response:
      t.response_minutes ?? (t.response_business_days != null ? `${t.response_business_days}bd` : null),
    resolution:
      t.resolution_minutes ?? (t.resolution_business_days != null ? `${t.resolution_business_days}bd` : null),
    coverage: t.coverage,
  }));

describe("support tiers from tables", () => {
  it("markdown table, zh, with Chinese numerals and business days", () => {
    const text = [
      "四、故障等级与响应",
      "| 故障等级 | 定义 | 响应时间 | 解决时间 | 服务时间 |",
      "|---|---|---|---|---|",
      "| P0 | 核心功能不可用 | 十五分钟 | 四小时 | 7×24 |",
      "| P1 | 主要功能受损 | 半小时 | 二十四小时 | 7×24 |",
      "| P2 | 一般问题 | 1 个工作日 | 3 个工作日 | 工作时间 |",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      { severity: "P0", response: 15, resolution: 240, coverage: "24x7" },
      { severity: "P1", response: 30, resolution: 1440, coverage: "24x7" },
      { severity: "P2", response: "1bd", resolution: "3bd", coverage: "business_hours" },
    ]);
  });

  it("rows joined by ' | ' (DOCX/HTML), en, words with digits and next business day", () => {
    const text = [
      "Severity | Definition | Initial response | Target resolution",
      "Severity 1 | Production down | Within one (1) hour | 4h",
      "Severity 2 | Degraded | 4 hours | 2 business days",
      "Severity 3 | Question | Next business day | —",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      { severity: "Severity 1", response: 60, resolution: 240, coverage: null },
      { severity: "Severity 2", response: 240, resolution: "2bd", coverage: null },
      { severity: "Severity 3", response: "1bd", resolution: null, coverage: null },
    ]);
  });

  it("tab-separated rows", () => {
    const text = "级别\t响应时间\t解决时间\n紧急\t15 分钟\t4 小时\n一般\t2 小时\t2 个工作日";
    expect(tiersOf(text)).toEqual([
      { severity: "紧急", response: 15, resolution: 240, coverage: null },
      { severity: "一般", response: 120, resolution: "2bd", coverage: null },
    ]);
  });

  it("whitespace-aligned columns", () => {
    const text = [
      "Priority     Response     Resolution",
      "P1           30 mins      8 hours",
      "P2           2 hours      3 business days",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      { severity: "P1", response: 30, resolution: 480, coverage: null },
      { severity: "P2", response: 120, resolution: "3bd", coverage: null },
    ]);
  });

  it("transposed table (severities as columns)", () => {
    const text = [
      "| 指标 | 一级 | 二级 | 三级 |",
      "| 响应时间 | 10 分钟 | 30 分钟 | 2 小时 |",
      "| 恢复时间 | 2 小时 | 8 小时 | 3 个工作日 |",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      { severity: "一级", response: 10, resolution: 120, coverage: null },
      { severity: "二级", response: 30, resolution: 480, coverage: null },
      { severity: "三级", response: 120, resolution: "3bd", coverage: null },
    ]);
  });
});

describe("support tiers from prose", () => {
  it.each([
    [
      "zh one sentence",
      "P0 级故障：15 分钟内响应，4 小时内解决。",
      { severity: "P0", response: 15, resolution: 240 },
    ],
    [
      "zh keyword first",
      "紧急故障：响应时间 30 分钟，恢复时间两小时。",
      { severity: "紧急", response: 30, resolution: 120 },
    ],
    [
      "en",
      "For Severity 1 issues, Provider will respond within fifteen (15) minutes.",
      { severity: "Severity 1", response: 15, resolution: null },
    ],
    [
      "en business day",
      "Priority 3 requests receive a response by the next business day.",
      { severity: "Priority 3", response: "1bd", resolution: null },
    ],
  ])("%s", (_name, text, want) => {
    expect(tiersOf(text)).toEqual([{ coverage: null, ...want }]);
  });

  it("splits several levels in one sentence and shares times across 'P0、P1'", () => {
    expect(
      tiersOf("P0、P1 故障 15 分钟内响应；P2 故障 2 小时内响应。").map((t) => [t.severity, t.response]),
    ).toEqual([
      ["P0", 15],
      ["P1", 15],
      ["P2", 120],
    ]);
  });

  it("reads a label line followed by time lines", () => {
    const text = ["P1（严重）：主要功能受损", "响应时间：30 分钟", "解决时间：8 小时"].join("\n");
    expect(tiersOf(text)).toEqual([{ severity: "P1", response: 30, resolution: 480, coverage: null }]);
  });

  it("reads flattened rows such as 'Critical1 hour' under a response heading", () => {
    const text = [
      "Support Response Times",
      "Priority LevelInitial Response Time",
      "Critical1 hour",
      "High4 hours",
    ].join("\n");
    expect(tiersOf(text).map((t) => [t.severity, t.response])).toEqual([
      ["Critical", 60],
      ["High", 240],
    ]);
  });

  it("keeps a response given only in business days out of minutes", () => {
    const [tier] = extractCommitments("一般问题：1 个工作日内响应。").commitments.support?.tiers ?? [];
    expect(tier).toMatchObject({ severity: "一般", response_minutes: null, response_business_days: 1 });
  });

  it("reads business hours as minutes of business time", () => {
    const text = ["Priority Level | Response Time", "High (P1) | Within 4 business hours"].join("\n");
    expect(tiersOf(text)).toEqual([
      { severity: "P1", response: 240, resolution: null, coverage: "business_hours" },
    ]);
  });

  it("does not read an escalation trigger as a resolution target", () => {
    const text =
      "Priority 1: issues are escalated to a senior engineer if they cannot be resolved within 1 hour.";
    expect(tiersOf(text)).toEqual([]);
  });

  it("does not read an RCA deadline as a resolution time", () => {
    expect(tiersOf("P0 故障恢复后，服务商将在 48 小时内提交故障分析报告。")).toEqual([]);
  });
});

describe("support tiers per plan", () => {
  const plansOf = (text: string) =>
    (extractCommitments(text).commitments.support?.tiers ?? []).map((t) => [
      t.severity,
      t.plan ?? null,
      t.response_minutes,
    ]);

  it("a note in a severity row's description cell gives another plan its own time", () => {
    const text = [
      "| Severity | Priority | First response | Description |",
      "| --- | --- | --- | --- |",
      "| Whole shop down | critical | 15 minutes | Nothing works (Gold plan). Note that this is 45 minutes for the Silver Support plan. |",
      "| Shop slow | high | 4 hours | Orders are delayed. |",
    ].join("\n");
    expect(plansOf(text)).toEqual([
      ["Whole shop down", null, 15],
      ["Whole shop down", "Silver", 45],
      ["Shop slow", null, 240],
    ]);
  });

  it("a feature table of one plan: the response-time row is that plan's tier, feature rows are not", () => {
    const text = [
      "Extra support can be booked. Its features are as follows:",
      "",
      "Extra support | Default",
      "--- | ---",
      "[Support hours](#hours) | [Long hours](#long-hours)",
      "[Response Time](#response-time) (Severity 1) | 2 business hours",
      "[Phone line](#phone) | yes",
      "[Onboarding days](#onboarding) | 3 days",
    ].join("\n");
    expect(plansOf(text)).toEqual([["[Response Time](#response-time) (Severity 1)", "Default", 120]]);
  });

  it("one column per plan, lettered levels, <br> and footnote marks in cells", () => {
    const text = [
      "## Support case handling",
      "",
      "| Severity | Basic plans<sup>1</sup> | Standard<sup>2</sup><br> Standard Plus<sup>2</sup> | Premier<sup>3</sup> |",
      "|:--|:--|:--|:--|",
      "| Severity A (critical) <br/> | Hours: 24x7 <br/> Response: 1 hour <br/> | Hours: 24x7 <br/> Response: 1 hour <br/> | Hours: 24x7 <br/> Response: 30 minutes <br/> |",
      "| Severity B (high) <br/> | Hours: business hours <br/> Response: not committed <br/> | Hours: 24x7 <br/> Response: next business day <br/> | Hours: 24x7 <br/> Response: 2 hours <br/> |",
    ].join("\n");
    expect(plansOf(text)).toEqual([
      ["Severity A", "Basic plans", 60],
      ["Severity A", "Standard / Standard Plus", 60],
      ["Severity A", "Premier", 30],
      ["Severity B", "Standard / Standard Plus", null],
      ["Severity B", "Premier", 120],
    ]);
  });

  it("zh-Hant plan columns keep the document's characters", () => {
    const text = [
      "| 嚴重層級 | 商務版<sup>1</sup> | 企業版<sup>2</sup> |",
      "|:--|:--|:--|",
      "| 嚴重度 A (重大) <br/> | 可用：全年無休 <br/> 回應時間：1 小時 <br/> | 可用：全年無休 <br/> 回應時間：30 分鐘 <br/> |",
    ].join("\n");
    expect(plansOf(text)).toEqual([
      ["嚴重度 A", "商務版", 60],
      ["嚴重度 A", "企業版", 30],
    ]);
  });

  it("a single-plan table gives tiers without a plan", () => {
    const text = [
      "| Severity | Initial response |",
      "|---|---|",
      "| Sev 1 | 1 hour |",
      "| Sev 2 | 4 hours |",
    ].join("\n");
    expect(plansOf(text)).toEqual([
      ["Sev 1", null, 60],
      ["Sev 2", null, 240],
    ]);
  });
});

describe("support tiers in a bulleted prose list", () => {
  it("a bold 'Emergency requests' item with its response time", () => {
    const text = [
      "Premium support includes:",
      "",
      "   - **Regular requests**: next business day response.",
      "   - **Emergency requests**: 30 minute response time, 24/7.",
    ].join("\n");
    const tiers = extractCommitments(text).commitments.support?.tiers ?? [];
    expect(tiers.map((t) => [t.severity, t.response_minutes, t.coverage])).toContainEqual([
      "Emergency",
      30,
      "24x7",
    ]);
  });
});

describe("a feature table with one column per plan", () => {
  const plansOf = (text: string) =>
    (extractCommitments(text).commitments.support?.tiers ?? []).map((t) => [
      t.severity,
      t.plan ?? null,
      t.response_minutes,
      t.response_business_days ?? null,
    ]);

  it("a response-time row gives one tier per plan", () => {
    const text = [
      "The level of support differs per plan:",
      "",
      "| **Support feature ** | <blockquote></br>**Gold **</br></blockquote> | **Silver ** | **Basic ** |",
      "|---|---|---|---|",
      "| 24x7 support | Yes | N/A | Local business hours |",
      "| Fastest response times | <blockquote></br>&lt;1 hour</br></blockquote> | &lt;2 hours | Next business day |",
    ].join("\n");
    expect(plansOf(text)).toEqual([
      ["Fastest response times", "Gold", 60, null],
      ["Fastest response times", "Silver", 120, null],
      ["Fastest response times", "Basic", null, 1],
    ]);
  });

  it("a row naming an action, not a support time, gives no tier", () => {
    const text = [
      "| Request | Vendor lead time | Estimated downtime |",
      "|---|---|---|",
      "| Database restore | 5 hours | 2 hours |",
    ].join("\n");
    expect(plansOf(text)).toEqual([]);
  });

  it("zh-Hant 回應時間 row", () => {
    const text = [
      "| 功能 | 進階 | 專業 |",
      "|---|---|---|",
      "| 事件回應時間 | 不到一小時 | 下一個工作天 |",
    ].join("\n");
    expect(plansOf(text)).toEqual([
      ["事件回應時間", "進階", 60, null],
      ["事件回應時間", "專業", null, 1],
    ]);
  });
  it("a table under a sub-heading reads its times by the heading above that names the metric", () => {
    const text = [
      "## 3. Resolution targets",
      "",
      "### 3.1 Enterprise plan",
      "",
      "| Severity | Target |",
      "| --- | --- |",
      "| Sev 1 | 4 hours |",
      "",
      "## 4. Initial response times",
      "",
      "### 4.1 Enterprise plan",
      "",
      "| Severity | Target |",
      "| --- | --- |",
      "| Sev 1 | 30 minutes |",
      "| Sev 2 | 2 hours |",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      { severity: "Sev 1", response: 30, resolution: 240, coverage: null },
      { severity: "Sev 2", response: 120, resolution: null, coverage: null },
    ]);
  });
});
