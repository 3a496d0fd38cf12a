import { describe, expect, it } from "vitest";
import { extractCommitments } from "./index.js";

const commitmentsOf = (text: string) => extractCommitments(text).commitments;
const tiersOf = (text: string) =>
  (commitmentsOf(text).credits?.tiers ?? []).map((t) => [t.below_percent, t.credit_percent]);

describe("availability", () => {
  it.each([
    [
      "zh monthly, 5-minute slots",
      "服务商承诺本服务的月度服务可用性不低于 99.95%。以 5 分钟为一个统计粒度计算不可用时间。",
      99.95,
      "month",
      "slots",
    ],
    [
      "zh downtime minutes",
      "服务可用性 =（1 − 服务月度内不可用分钟数 ÷ 服务月度总分钟数）× 100%。本服务月度可用性不低于 99.9%。",
      99.9,
      "month",
      "time",
    ],
    ["zh 三个九", "本服务年度可用性达到三个九。", 99.9, "year", null],
    [
      "en request success",
      "Provider will make the API available with a Monthly Uptime Percentage of at least 99.9%. Monthly Uptime Percentage is the number of successful requests divided by valid requests.",
      99.9,
      "month",
      "requests",
    ],
    [
      "en no less than",
      "The Service Availability will be no less than 99.5% in each quarter, calculated from Downtime minutes.",
      99.5,
      "quarter",
      "time",
    ],
  ])("%s", (_name, text, target, window, formula) => {
    expect(commitmentsOf(text).availability).toMatchObject({ target_percent: target, window, formula });
  });

  it("reads a target from a table of covered services", () => {
    const text = ["Covered Service | Monthly Uptime Percentage |", "Voice API | >= 99.95% |"].join("\n");
    expect(commitmentsOf(text).availability?.target_percent).toBe(99.95);
  });

  it("does not read a credit threshold as the target", () => {
    expect(
      commitmentsOf("月度服务可用性低于 99.9% 的，赔偿月费的 10%。").availability?.target_percent ?? null,
    ).toBeNull();
  });

  it("records who measures", () => {
    expect(
      commitmentsOf("服务可用性以服务商监控数据为准，承诺可用性不低于 99.9%。").availability?.measured_by,
    ).toBe("vendor");
  });

  it("is null when the text never speaks of availability", () => {
    expect(commitmentsOf("我们提供工单支持。").availability).toBeNull();
  });
});

describe("credit tiers", () => {
  it("zh prose with 但不低于", () => {
    expect(
      tiersOf("月度服务可用性低于 99.9% 但不低于 99% 的，赔偿月服务费的 10%；低于 99% 的，赔偿 25%。"),
    ).toEqual([
      [99.9, 10],
      [99, 25],
    ]);
  });

  it("en table rows", () => {
    const text = [
      "Service Credits",
      "| Monthly Uptime Percentage | Service Credit |",
      "| Less than 99.9% but at least 99.0% | 10% |",
      "| Less than 99.0% | 25% |",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      [99.9, 10],
      [99, 25],
    ]);
  });

  it("zh table with ≤ and <", () => {
    const text = [
      "服务可用性 | 赔偿代金券金额",
      "99% ≤ 服务可用性 < 99.9% | 月度服务费用的 20%",
      "服务可用性 < 99% | 月度服务费用的 50%",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      [99.9, 20],
      [99, 50],
    ]);
  });

  it("several tiers run together on one line", () => {
    expect(tiersOf("Financial Credit: 99% to < 99.5% 10% 95% to < 99% 25% < 95% 50%")).toEqual([
      [99.5, 10],
      [99, 25],
      [95, 50],
    ]);
  });

  it("a flattened table: threshold line, then the credit line", () => {
    const text = [
      "Service Credit Percentage",
      "Less than 99.9% but greater than or equal to 99.0%",
      "",
      "10%",
      "Less than 99.0%",
      "",
      "25%",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      [99.9, 10],
      [99, 25],
    ]);
  });
});

describe("credit terms", () => {
  it.each([
    ["voucher", "赔偿以代金券形式发放，代金券不可提现。", "voucher"],
    ["extension", "未达标时，服务商将延长服务期作为补偿。", "extension"],
    ["cash", "The credit is paid as a cash refund to the Customer.", "cash"],
    [
      "service credit, cash negated",
      "Service Credits will not entitle you to any refund and apply only against future invoices.",
      "service_credit",
    ],
  ])("form: %s", (_name, text, form) => {
    expect(commitmentsOf(text).credits?.form).toBe(form);
  });

  it.each([
    ["zh cap", "每月赔偿总额不超过当月服务费的 50%。", 50],
    ["zh cap as the monthly fee", "赔偿总额不超过相应月度服务费。", 100],
    ["en cap", "Credits shall not exceed 30% of the monthly fees.", 30],
  ])("cap: %s", (_name, text, cap) => {
    expect(commitmentsOf(text).credits?.cap_percent).toBe(cap);
  });

  it.each([
    ["zh days", "客户应在当月结束后 60 天内提出赔偿申请。", 60],
    [
      "en days after month end",
      "Customer must submit a claim for Service Credits within 30 days after the end of the month.",
      30,
    ],
    ["months are not turned into days", "赔偿申请最迟不应晚于相关月份结束后两(2)个月内提出。", null],
  ])("claim deadline: %s", (_name, text, days) => {
    expect(commitmentsOf(text).credits?.claim_deadline_days).toBe(days);
  });

  it.each([
    ["zh vendor records", "赔偿以服务商后台监控数据为准。", true],
    [
      "en vendor records",
      "For Service Credits, our monitoring records shall prevail in case of dispute.",
      true,
    ],
    ["mutual records", "赔偿金额以双方共同确认的数据为准。", false],
  ])("vendor records prevail: %s", (_name, text, prevail) => {
    expect(commitmentsOf(text).credits?.vendor_records_prevail).toBe(prevail);
  });
});

describe("credit tables in other shapes", () => {
  const pairs = (text: string) =>
    (extractCommitments(text).commitments.credits?.tiers ?? []).map((t) => [
      t.below_percent,
      t.credit_percent,
    ]);

  it("a matrix with one column per guaranteed level gives one pair per credit cell", () => {
    const text = [
      "Service credits are a share of the monthly fee:",
      "",
      "Achieved vs. Guaranteed | 99.50% | 99.90%",
      "--- | --- | ---",
      "99.5% - < 99.9% | n/a | 10%",
      "99.0% - < 99.5% | 10% | 25%",
      "< 99.0% | 25% | 25%",
    ].join("\n");
    expect(pairs(text)).toEqual([
      [99.9, 10],
      [99.5, 10],
      [99.5, 25],
      [99, 25],
      [99, 25],
    ]);
  });

  it("a credit stated before its threshold", () => {
    const text =
      "Customer may claim Service Credits: 10% of the amount Customer paid in a quarter where Uptime was less than or equal to 99.9%, but greater than 99.0%; or 25% of the amount Customer paid in a quarter where Uptime was less than 99.0%.";
    expect(pairs(text)).toEqual([
      [99.9, 10],
      [99, 25],
    ]);
  });
});

describe("credit form only from the compensation clause", () => {
  const formOf = (text: string) => extractCommitments(text).commitments.credits?.form ?? null;

  it.each([
    [
      "a refund of prepaid fees on termination",
      "Customer may claim Service Credits under the SLA. On termination for breach the vendor will refund any prepaid, unused fees.",
      "service_credit",
    ],
    [
      "a refund request as a kind of ticket",
      "To claim an SLA credit, open a ticket and select the problem type Refund Request.",
      null,
    ],
    [
      "credits that cannot be exchanged into cash",
      "Service Credits may take the form of a refund or credit to the customer's account and cannot be exchanged into a cash amount.",
      "service_credit",
    ],
    [
      "vouchers named only in the liability cap",
      "服务商的赔偿责任总额不超过您已支付的费用（不包括代金券、优惠抵扣）。服务商将对未达标的月份给予赔偿。",
      null,
    ],
  ])("%s", (_name, text, form) => {
    expect(formOf(text)).toBe(form);
  });
});

describe("claim windows with their unit", () => {
  const windowOf = (text: string) => {
    const c = extractCommitments(text).commitments.credits;
    return [c?.claim_deadline_days ?? null, c?.claim_window ?? null];
  };

  it.each([
    [
      "months from the end of the period, after a start in business days",
      "客户可在每月第五(5)个工作日后提出赔偿申请，赔偿申请最迟不应晚于未达标月份结束后两(2)个月内提出。",
      [null, { amount: 2, unit: "months", from: "period_end" }],
    ],
    [
      "English months",
      "To receive a service credit, submit a claim within two months of the end of the billing month.",
      [null, { amount: 2, unit: "months", from: "period_end" }],
    ],
    [
      "business days",
      "服务商未达到可用性承诺的，客户应在 60 个工作日内申请赔偿。",
      [60, { amount: 60, unit: "business_days", from: null }],
    ],
    [
      "days from the incident",
      "客户应在故障发生后30日内提出赔偿申请。",
      [30, { amount: 30, unit: "calendar_days", from: "incident" }],
    ],
  ])("%s", (_name, text, want) => {
    expect(windowOf(text)).toEqual(want);
  });
});

describe("a threshold table sets the target", () => {
  it("the highest threshold of a credit table is the commitment when no target is stated", () => {
    const text = [
      "| 月度服务可用性 | 赔偿代金券金额 |",
      "|---|---|",
      "| 低于 99.9% 但等于或高于 99.5% | 月度服务费的 10% |",
      "| 低于 99.5% | 月度服务费的 25% |",
    ].join("\n");
    expect(commitmentsOf(text).availability?.target_percent).toBe(99.9);
  });
});

describe("inclusive two-decimal bands", () => {
  it("'97% - 98.99%' is below 99", () => {
    const text = [
      "Service credits:",
      "| Monthly uptime | Service credit |",
      "|---|---|",
      "| 97% - 98.99% | 5% |",
      "| 94% - 96.99% | 20% |",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      [99, 5],
      [97, 20],
    ]);
  });
});

describe("credit bands written 'X% > Av'", () => {
  it("reads the last band with only an upper bound, also with Markdown's escaped '>'", () => {
    const text = [
      "Brightmoor service credits:",
      "|Availability|Service credit|",
      "|---|---|",
      "|99.9% \\> Av ≥ 99%|10% of the Monthly Service Fee|",
      "|99% \\> Av ≥ 95%|25% of the Monthly Service Fee|",
      "|95% \\> Av|100% of the Monthly Service Fee|",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      [99.9, 10],
      [99, 25],
      [95, 100],
    ]);
  });
});
