import { describe, expect, it } from "vitest";
import { extractCommitments } from "./index.js";

const rulesOf = (text: string) => extractCommitments(text).signals.map((s) => s.rule);

describe("signals", () => {
  it.each([
    ["vague.best_effort", "平台将尽力而为保障服务稳定。"],
    ["vague.best_effort", "Provider will use best efforts to resolve issues."],
    [
      "vague.commercially_reasonable",
      "Provider will use commercially reasonable efforts to keep the API available.",
    ],
    ["vague.commercially_reasonable", "服务商将以商业上合理的努力维护服务。"],
    ["vague.no_number", "技术支持人员将及时响应。"],
    ["vague.no_number", "Provider will respond promptly to support requests."],
    ["vague.assist_only", "发生故障时平台将协助排查。"],
    ["vague.assist_only", "Provider will assist with troubleshooting."],
    ["trap.severity_reclassification", "服务商有权调整客户提交的故障等级。"],
    [
      "trap.severity_reclassification",
      "Vendor may reclassify the severity of any ticket at its sole discretion.",
    ],
    ["trap.severity_reclassification", "Support priority is assigned solely by the vendor."],
    ["trap.vendor_records_prevail", "可用性以服务商监控数据为准。"],
    ["trap.vendor_records_prevail", "Our monitoring records shall prevail in any dispute."],
    ["trap.credit_voucher_only", "补偿仅以代金券形式发放，不可提现。"],
    ["trap.credit_voucher_only", "Service credits have no cash value."],
    ["trap.sole_remedy", "上述赔偿为客户唯一的补救措施。"],
    ["trap.sole_remedy", "Service Credits are Customer's sole and exclusive remedy."],
    ["trap.unilateral_change", "服务商有权随时修改本协议。"],
    ["trap.unilateral_change", "Provider may modify these terms at any time."],
    ["trap.support_after_go_live", "客户正式接入后才提供完整技术支持。"],
    ["trap.support_after_go_live", "Full support is available only after production go-live."],
    ["trap.silent_upgrade", "服务商可对接口进行升级，无需通知客户。"],
    ["trap.silent_upgrade", "Provider may update or deprecate API versions without notice."],
    // the source guide's own example: a boast (最佳) does not hide the hedge
    ["vague.best_effort", "我们尽力提供最佳支持。"],
    ["vague.best_effort", "We will endeavour to tell you when a fault is outside our control."],
    ["vague.commercially_reasonable", "We make every reasonable effort to answer within the stated time."],
    ["vague.commercially_reasonable", "我们会以商业上可行的方式提前通知您。"],
    ["vague.non_committal", "A post-incident review is published, generally within 10 days."],
    ["vague.non_committal", "The vendor typically gives notice before a suspension."],
    ["vague.non_committal", "The vendor keeps business quality stable to the extent possible."],
    ["vague.non_committal", "平台应尽可能事先进行通告。"],
    ["vague.non_committal", "该服务旨在提供高可用的存储。"],
    ["vague.non_committal", "Response times may vary and are not guaranteed."],
    ["vague.non_committal", "上述指标并不表示性能保证。"],
    ["trap.vendor_records_prevail", "Monthly uptime is as measured by example.dev."],
    [
      "trap.vendor_records_prevail",
      "Downtime is any minute the service was unavailable as determined by a combination of the vendor's internal and external monitoring systems.",
    ],
    [
      "trap.vendor_records_prevail",
      "Availability is calculated as Acme determines from automated health monitoring and system logs.",
    ],
  ])("%s: %s", (rule, text) => {
    expect(rulesOf(text)).toContain(rule);
  });

  it.each([
    "Uptime is as measured by the customer's own monitoring.",
    "Availability as determined by an independent monitoring service.",
  ])("the customer's or a third party's measurement is no vendor-records trap: %s", (text) => {
    expect(rulesOf(text)).not.toContain("trap.vendor_records_prevail");
  });

  it("gives each signal the sentence as exact evidence", () => {
    const text = "第一条 说明。\n服务商有权随时修改本协议。";
    const [signal] = extractCommitments(text).signals;
    expect(signal?.evidence[0]).toEqual({ start: 8, end: 21, line: 2, text: "服务商有权随时修改本协议。" });
  });

  it.each([
    ["a number makes a promise measurable", "技术支持将在 15 分钟内及时响应。", "vague.no_number"],
    [
      "an RCA report is more than assistance",
      "平台将协助排查，并在 72 小时内提交故障报告。",
      "vague.assist_only",
    ],
    [
      "a notice period is not a silent upgrade",
      "Provider will give 30 days' notice before upgrading API versions.",
      "trap.silent_upgrade",
    ],
  ])("no signal when %s", (_name, text, rule) => {
    expect(rulesOf(text)).not.toContain(rule);
  });
});
