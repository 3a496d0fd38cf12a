import { describe, expect, it } from "vitest";
import { extractCommitments } from "./index.js";

/**
 * Second set of fixtures written for Termsight after measuring the extractor on published SLAs and
 * support pages: web pages flattened to text (plan cards, severity cards, tables read column by
 * column, bullet lists that lost their bullets), numbered priority rows, interval-average formulas.
 * Every vendor name and sentence is invented; only the shapes follow the real documents.
 */

const tiersOf = (text: string) =>
  (extractCommitments(text).commitments.support?.tiers ?? []).map((t) => ({
    severity: t.severity,
    response:
      t.response_minutes ?? (t.response_business_days != null ? `${t.response_business_days}bd` : null),
    resolution:
      t.resolution_minutes ?? (t.resolution_business_days != null ? `${t.resolution_business_days}bd` : null),
    coverage: t.coverage,
  }));

const creditTiersOf = (text: string) =>
  extractCommitments(text).commitments.credits?.tiers.map((t) => [t.below_percent, t.credit_percent]);

describe("credit tables flattened from web pages", () => {
  it("reads a table flattened column by column: all thresholds first, then all credits", () => {
    const text = [
      "Quillstone Budgets Service Level Agreement",
      "Quillstone will use commercially reasonable efforts to keep the service available with a Monthly Uptime Percentage of at least 99.9% in every monthly billing cycle.",
      "Service Credits",
      "Service Credits are a percentage of the fees you paid for the cycle, following the schedule below.",
      "",
      "Monthly Uptime Percentage",
      "Service Credit Percentage",
      "",
      "Less than 99.9% but equal to or greater than 99.0%",
      "",
      "Less than 99.0% but equal to or greater than 95.0%",
      "",
      "Less than 95%",
      "",
      "10%",
      "",
      "25%",
      "",
      "100%",
      "",
      "Service Credits are only applied against future payments and never entitle you to a refund.",
    ].join("\n");
    expect(creditTiersOf(text)).toEqual([
      [99.9, 10],
      [99, 25],
      [95, 100],
    ]);
    expect(extractCommitments(text).commitments.credits?.form).toBe("service_credit");
  });

  it("does not pair thresholds with credits when the two columns differ in length", () => {
    const text = [
      "Service credits are paid as follows.",
      "Uptime",
      "Below 99.9% and at least 99%",
      "Below 99% and at least 95%",
      "Below 95%",
      "10%",
      "25%",
    ].join("\n");
    expect(creditTiersOf(text)).toEqual([]);
  });

  it("zh: cells cut into lines that each end in '|', and a refund that is ruled out is not the form", () => {
    const text = [
      "青岚云服务抵扣额度",
      "服务抵扣额度按下表计算:",
      "每月正常运行时间百分比 |",
      "服务抵扣额度百分比 |",
      "低于 99.9% 但高于或等于 99.0% |",
      "10% |",
      "低于 99.0% 但高于或等于 95.0% |",
      "25% |",
      "低于 95.0% | 100% |",
      "服务抵扣额度只能用于抵扣您今后应付的款项,不会使您有权获得任何退款。",
    ].join("\n");
    const credits = extractCommitments(text).commitments.credits;
    expect(credits?.tiers.map((t) => [t.below_percent, t.credit_percent])).toEqual([
      [99.9, 10],
      [99, 25],
      [95, 100],
    ]);
    expect(credits?.form).toBe("service_credit");
  });
});

describe("availability written the way cloud SLAs write it", () => {
  it("zh: the average of 5-minute error rates is a request measure; a target in 【】 brackets is read", () => {
    const text = [
      "1. 定义",
      "1.1 服务周期:一个服务周期为一个自然月。",
      "1.2 每5分钟错误率 = 每5分钟失败请求数 / 每5分钟有效请求总数 × 100%。",
      "2. 服务可用性",
      "2.1 服务可用性 =(1 − 服务周期内每5分钟错误率之和 / 服务周期内5分钟的总个数)× 100%",
      "2.2 白鹭云提供的本服务可用性不低于【99.9】%",
    ].join("\n");
    expect(extractCommitments(text).commitments.availability).toMatchObject({
      target_percent: 99.9,
      window: "month",
      formula: "requests",
    });
  });

  it("en: the average availability of 5-minute intervals is a request measure", () => {
    const text = [
      "Definitions",
      '"Monthly Uptime Percentage" is the average of the availability of all 5-minute intervals in a billing month.',
      '"Availability" of an interval is the share of valid requests in it that do not fail with server errors.',
    ].join("\n");
    expect(extractCommitments(text).commitments.availability?.formula).toBe("requests");
  });

  it("reads a target from plan cards under a committing line, but not a measured figure", () => {
    const cards = [
      "Uptime Commitments",
      "",
      "Guaranteed availability for each plan.",
      "",
      "Basic",
      "99.5%",
      "Response: 24 hours",
      "Premium",
      "99.9%",
      "Response: 4 hours",
    ].join("\n");
    expect(extractCommitments(cards).commitments.availability?.target_percent).toBe(99.5);
    const dashboard = ["Current Performance", "Monthly Uptime", "99.97%", "/ 99.9%"].join("\n");
    expect(extractCommitments(dashboard).commitments.availability?.target_percent ?? null).toBeNull();
  });

  it("reads a floor from a service table flattened to lines, and a minute down above an error rate is a slot", () => {
    const text = [
      "During the term, each Covered Service will provide a Monthly Uptime Percentage to Customer as follows:",
      "",
      "Covered service Monthly uptime percentage",
      "Fernwick Transcription API >= 99.9%",
      "Fernwick Batch Jobs >= 99.5%",
      "",
      'Definitions: "Downtime" means more than a 5% Error Rate, counted per minute.',
    ].join("\n");
    expect(extractCommitments(text).commitments.availability).toMatchObject({
      target_percent: 99.9,
      window: "month",
      formula: "slots",
    });
  });

  it("zh: '不可用时间不包括…' lists exclusions; '全年无休' is support coverage, not a yearly window", () => {
    const sla = [
      "1.3 服务不可用:某实例连续 5 分钟无法连通则计为不可用。不可用时间不包括日常系统维护时间、第三方原因或不可抗力导致的不可用时间。",
      "2.1 服务可用性 =(服务总时间 − 服务不可用时间)/ 服务总时间",
    ].join("\n");
    expect(
      extractCommitments(sla)
        .commitments.exclusions.map((e) => e.category)
        .sort(),
    ).toEqual(["force_majeure", "maintenance", "third_party"]);
    const support = "高级版客户享有标准支持及 SLA,支持团队全年无休、全天候提供服务。";
    const { commitments } = extractCommitments(support);
    expect(commitments.availability?.window ?? null).toBeNull();
    expect(commitments.support?.coverage).toBe("24x7");
  });
});

describe("exclusion lists", () => {
  it("reads short lines under an exclusion lead even when they look like headings", () => {
    const text = [
      "Exclusions",
      "",
      "The following are not covered by the uptime commitment.",
      "",
      "Planned maintenance windows (announced 72+ hours in advance)",
      "Force majeure events outside reasonable control",
      "Problems caused by customer actions or third-party services",
      "Preview features without an SLA",
      "Connection problems outside our network",
      "",
      "Custom terms",
    ].join("\n");
    const { commitments } = extractCommitments(text);
    expect(commitments.exclusions.map((e) => e.category).sort()).toEqual([
      "beta_features",
      "customer_config",
      "customer_network",
      "force_majeure",
      "maintenance",
      "third_party",
    ]);
    expect(commitments.maintenance?.notice_hours).toBe(72);
  });

  it("does not read a definition's scope ('does not include testing systems') as an exclusion", () => {
    const text =
      'While Larkfield answers every ticket, production issues come first. "Production" means an installation of Larkfield software in active use by the customer\'s staff, and it does not include testing systems or staging environments.';
    expect(extractCommitments(text).commitments.exclusions).toEqual([]);
  });
});

describe("support pages flattened from cards and tables", () => {
  it("reads severity cards: level line, description, metric line, time line", () => {
    const text = [
      "Support Response Times",
      "",
      "P1 - Critical",
      "",
      "Whole service down or data lost",
      "",
      "Response",
      "< 1 hour",
      "Resolution",
      "4 hours",
      "",
      "P2 - High",
      "",
      "Important feature broken, no workaround",
      "",
      "Response",
      "< 4 hours",
      "Resolution",
      "24 hours",
      "",
      "P3 - Low",
      "General questions or minor issues",
      "Initial Response",
      "24 hours",
      "Status Updates",
      "Every 30 minutes",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      { severity: "P1", response: 60, resolution: 240, coverage: null },
      { severity: "P2", response: 240, resolution: 1440, coverage: null },
      { severity: "P3", response: 1440, resolution: null, coverage: null },
    ]);
  });

  it("zh: a level name on its own line, a description, then the time, under a response-time heading", () => {
    const text = [
      "响应时间",
      "",
      "紧急",
      "",
      "登录失败、付款异常",
      "",
      "2小时内",
      "",
      "一般",
      "",
      "使用咨询、一般问题",
      "",
      "3个工作日内",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      { severity: "紧急", response: 120, resolution: null, coverage: null },
      { severity: "一般", response: "3bd", resolution: null, coverage: null },
    ]);
  });

  it("reads numbered priority rows with one time per plan in a response-time document", () => {
    const text = [
      "Harrowgate support: priorities and guaranteed response times",
      "Our support team works during business hours.",
      "Priority Plan",
      "Basic Plus Premium",
      "1 System Down N/A Within 2 business hours Within 1 hour (24x7)",
      "2 Partial Outage N/A Within 4 business hours Within 2 business hours",
      "3 Question N/A Within 8 business hours Within 3 business hours",
    ].join("\n");
    expect(tiersOf(text)).toEqual([
      { severity: "System Down", response: 120, resolution: null, coverage: "business_hours" },
      { severity: "Partial Outage", response: 240, resolution: null, coverage: "business_hours" },
      { severity: "Question", response: 480, resolution: null, coverage: "business_hours" },
    ]);
  });

  it("reads priority rows whose times carry no metric word, up to P5, and 'assigned a priority' is no contact", () => {
    const text = [
      "Every support case is assigned a priority. The priority decides the initial response time.",
      "Priority Free Team Business",
      "P1 Best-effort 4 hours 1 hour*",
      "P4 Best-effort 24 hours Next business day",
      "P5 Best-effort 48 hours Next business day",
    ].join("\n");
    expect(tiersOf(text).map((t) => [t.severity, t.response])).toEqual([
      ["P1", 240],
      ["P4", 1440],
      ["P5", 2880],
    ]);
    expect(extractCommitments(text).commitments.support?.dedicated_contact ?? null).toBeNull();
  });

  it("reads a time line that follows a level heading, its description and a numbered list", () => {
    const text = [
      "Support Response SLAs",
      "",
      "Level 1 - Critical",
      "",
      "Critical impact: production down for many users",
      "",
      "  1. System crashes",
      "  2. Data loss",
      "2 hr 1 hr 30 min",
      "",
      "Level 3 - Medium",
      "",
      "Moderate impact: some functions unavailable",
      "",
      "  1. Minor slowdown",
      "1 Business day 1 Business day 8 hrs",
    ].join("\n");
    expect(tiersOf(text).map((t) => [t.severity, t.response])).toEqual([
      ["Level 1", 120],
      ["Level 3", "1bd"],
    ]);
  });

  it("reads coverage from 'core support hours' and 'business-hours', and a plan's dedicated account manager", () => {
    const table = [
      "| Severity | First response | Coverage |",
      "|---|---|---|",
      "| SEV 1 | 2 hours | Core support hours |",
    ].join("\n");
    expect(tiersOf(table)).toEqual([
      { severity: "Sev 1", response: 120, resolution: null, coverage: "business_hours" },
    ]);
    expect(
      extractCommitments("Team plan: email support with an 8-hour business-hours response target.")
        .commitments.support?.coverage,
    ).toBe("business_hours");
    const plan = ["Enterprise", "- 24/7 phone support", "- Dedicated account manager"].join("\n");
    expect(extractCommitments(plan).commitments.support).toMatchObject({
      channels: ["phone", "tam"],
      dedicated_contact: true,
    });
  });
});

describe("articles about a vendor's SLA", () => {
  it("an explainer about negotiating an SLA commits the vendor to nothing", () => {
    const text = [
      "Negotiating an enterprise SLA",
      "Why this matters",
      "Voice workloads need predictable uptime; enterprise SLAs guarantee 99.9% availability and provide dedicated support.",
      "Negotiating these terms early avoids surprises at launch.",
      "Tallowmere sells enterprise contracts that negotiate fixed rates, often with volume discounts.",
      "Use this when: you run more than 500 hours a month and need 99.9% availability with credits.",
      "The negotiation happens with the sales team, not through the API.",
    ].join("\n");
    const { commitments } = extractCommitments(text);
    expect(commitments.availability).toBeNull();
    expect(commitments.support).toBeNull();
  });
});

describe("exclusion lists in more shapes", () => {
  const categories = (text: string) =>
    extractCommitments(text)
      .commitments.exclusions.map((e) => e.category)
      .sort();

  it("a bulleted list with blank lines between items, under a lead without a colon", () => {
    const text = [
      "Downtime excludes any time in which the service is not available because of",
      "",
      "- Announced maintenance work",
      "",
      "- Force majeure events.",
      "",
      "- Beta features enabled by the customer",
    ].join("\n");
    expect(categories(text)).toEqual(["beta_features", "force_majeure", "maintenance"]);
  });

  it("the examples of a force-majeure clause are force majeure, not carve-outs of their own", () => {
    const text =
      "任一方均不对由于超出其合理控制范围的原因（例如火灾、罢工、互联网运营商的行为或疏忽、政府行为）而导致的未能履行承担责任。";
    expect(categories(text)).toEqual(["force_majeure"]);
  });

  it("the customer's negligence and leaked passwords are customer_config; routine maintenance; no liability for suspension", () => {
    const text = [
      "以下原因导致的服务不可用不属于服务商责任范围：",
      "（1）客户维护不当或保密不当致使口令丢失所引起的；",
      "（2）客户的疏忽或误操作所引起的；",
      "（3）服务商对服务的正常维护、升级所引起的短暂中断。",
      "如客户违约，服务商有权暂停本服务、冻结账号，且无需承担任何责任。",
    ].join("\n");
    expect(categories(text)).toEqual(["customer_config", "maintenance", "suspension"]);
  });

  it("a line in bold is not a bullet that continues the list above it", () => {
    const text = [
      "以下情况不属于服务不可用：",
      "- 计划内维护",
      "",
      "**暂停与终止。**如果您违反本协议，我们可以暂停您对服务的使用。",
    ].join("\n");
    expect(categories(text)).toEqual(["maintenance"]);
  });
});

describe("catch-all exclusions", () => {
  it.each([
    "以下情况导致的不可用不计入不可用时间：（1）计划内维护；（2）其他非服务商原因导致的故障。",
    "The SLA does not apply to downtime caused by scheduled maintenance or any other cause not attributable to the provider.",
  ])("%s", (text) => {
    expect(extractCommitments(text).commitments.exclusions.map((e) => e.category)).toContain("catch_all");
  });
});

describe("previews and free offers", () => {
  it("'aren't included or eligible' excludes previews and free tiers", () => {
    const text =
      "Previews and online services or service tiers provided free of charge aren't included or eligible for SLA claims or credits.";
    expect(extractCommitments(text).commitments.exclusions.map((e) => e.category)).toEqual(["beta_features"]);
  });
});
