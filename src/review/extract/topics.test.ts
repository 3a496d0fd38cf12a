import { describe, expect, it } from "vitest";
import { extractCommitments } from "./index.js";

const commitmentsOf = (text: string) => extractCommitments(text).commitments;

describe("support channels", () => {
  it.each([
    [
      "zh",
      "服务商通过 400 电话热线、工单系统、邮件和钉钉服务群提供技术支持，并配备专属技术客户经理。",
      ["phone", "email", "ticket", "im", "tam"],
      true,
    ],
    [
      "en",
      "Support is available by phone, email, live chat and a shared Slack channel.",
      ["phone", "email", "chat", "im"],
      null,
    ],
  ])("%s", (_name, text, channels, dedicated) => {
    expect(commitmentsOf(text).support).toMatchObject({ channels, dedicated_contact: dedicated });
  });

  it("finds an escalation path and overall coverage", () => {
    const support = commitmentsOf("技术支持 7×24 小时在线；故障未在时限内处理的，可升级至技术总监。").support;
    expect(support).toMatchObject({ coverage: "24x7", escalation: true });
  });

  it("does not read a version upgrade as an escalation", () => {
    expect(commitmentsOf("技术支持：版本升级免费提供。").support?.escalation ?? null).toBeNull();
  });
});

describe("rca", () => {
  it.each([
    [
      "zh hours",
      "故障恢复后，服务商将在 72 小时内提交书面故障报告，说明故障原因、影响范围、处理过程和改进措施。",
      72,
      ["cause", "impact", "timeline", "prevention"],
    ],
    [
      "en calendar days",
      "Provider will deliver a root cause analysis within five (5) calendar days, including the root cause and preventive actions.",
      120,
      ["cause", "prevention"],
    ],
  ])("%s", (_name, text, hours, contents) => {
    expect(commitmentsOf(text).rca).toMatchObject({ committed: true, deadline_hours: hours, contents });
  });

  it("a deadline in business days stays null and leaves a note", () => {
    const { commitments, signals } = extractCommitments("服务商将在 3 个工作日内提供故障分析报告。");
    expect(commitments.rca).toMatchObject({ committed: true, deadline_hours: null });
    expect(signals.some((s) => s.rule === "note.business_days" && s.topic === "rca")).toBe(true);
  });

  it("协助排查 alone is no RCA, and is flagged", () => {
    const { commitments, signals } = extractCommitments("发生故障时，平台将协助排查问题原因。");
    expect(commitments.rca).toBeNull();
    expect(signals.map((s) => s.rule)).toContain("vague.assist_only");
  });
});

describe("upgrades and maintenance", () => {
  it("zh upgrades", () => {
    const text =
      "版本升级免费提供；安全补丁在漏洞确认后 7 天内修复。重大升级至少提前 14 天通知，采用灰度发布，可回滚，升级过程不中断业务。升级窗口为每周三凌晨 01:00-05:00。";
    expect(commitmentsOf(text).upgrades).toMatchObject({
      free: true,
      security_patch_days: 7,
      notice_days: 14,
      gray_release: true,
      rollback: true,
      no_interruption: true,
      window: "每周三凌晨 01:00-05:00",
    });
  });

  it("en upgrades", () => {
    const text =
      "All upgrades are provided at no additional cost. Provider gives 30 days' notice of breaking changes and releases new versions through a staged rollout.";
    expect(commitmentsOf(text).upgrades).toMatchObject({
      free: true,
      notice_days: 30,
      gray_release: true,
      rollback: null,
    });
  });

  it.each([
    [
      "zh days → hours",
      "计划内维护将至少提前 3 天通知客户，维护时间为每周二凌晨 02:00-04:00，不计入不可用时间。",
      72,
      "每周二凌晨 02:00-04:00",
      true,
    ],
    ["en hours", "Provider will give at least 48 hours' notice of scheduled maintenance.", 48, null, null],
  ])("maintenance %s", (_name, text, hours, window, excluded) => {
    expect(commitmentsOf(text).maintenance).toMatchObject({
      notice_hours: hours,
      window,
      excluded_from_availability: excluded,
    });
  });

  it("a maintenance notice in business days is not guessed", () => {
    const { commitments, signals } = extractCommitments(
      "Provider will give five (5) business days' notice of scheduled maintenance.",
    );
    expect(commitments.maintenance?.notice_hours ?? null).toBeNull();
    expect(signals.some((s) => s.rule === "note.business_days")).toBe(true);
  });
});

describe("data exit", () => {
  it.each([
    [
      "zh",
      "合同终止后，客户可在 30 天内导出数据；导出期满后，服务商将在 7 天内删除客户数据。",
      { export_days: 30, deletion_days: 7, retention_days: null },
    ],
    [
      "en",
      "After termination, Customer Data is retained for 90 days and then deleted within 30 days.",
      { export_days: null, deletion_days: 30, retention_days: 90 },
    ],
  ])("%s", (_name, text, want) => {
    expect(commitmentsOf(text).data_exit).toMatchObject(want);
  });
});

describe("exclusions", () => {
  it("zh list with broad items", () => {
    const text = [
      "以下情况导致的服务不可用不计入不可用时间：",
      "（1）客户网络波动；",
      "（2）第三方组件冲突；",
      "（3）SDK 兼容性问题；",
      "（4）不可抗力。",
    ].join("\n");
    const byCategory = Object.fromEntries(commitmentsOf(text).exclusions.map((e) => [e.category, e.broad]));
    expect(byCategory).toEqual({
      customer_network: true,
      third_party: true,
      sdk_compat: true,
      force_majeure: false,
    });
  });

  it("en sentence, narrow items", () => {
    const text =
      "This SLA does not apply to unavailability caused by the Customer's network, scheduled maintenance, features labelled beta, or suspension for non-payment.";
    const byCategory = Object.fromEntries(commitmentsOf(text).exclusions.map((e) => [e.category, e.broad]));
    expect(byCategory).toEqual({
      customer_network: false,
      maintenance: false,
      beta_features: false,
      suspension: false,
    });
  });
});

describe("scenario and practice items", () => {
  it("zh", () => {
    const text =
      "服务商提供高峰期容量保障，30 分钟内完成应急扩容；设有专属故障升级通道；接通耗时小于 600ms；提供 7×24 监控告警并主动预警；提供弱网模拟工具与排查指南；在全球节点部署并有本地技术团队，支持跨时区服务；提供测试环境支持与季度服务回顾，并可提供历史故障案例。";
    const { scenario, practice } = commitmentsOf(text);
    expect(scenario).toMatchObject({
      peak_capacity: { value: true },
      emergency_scaling: { value: 30 },
      escalation_channel: { value: true },
      connect_time_ms: { value: 600 },
      monitoring_alerts: { value: true },
      proactive_alerts: { value: true },
      weak_network_tools: { value: true },
      troubleshooting_guides: { value: true },
      global_nodes: { value: true },
      local_teams: { value: true },
      timezone_coverage: { value: true },
    });
    expect(practice).toMatchObject({
      test_environment: { value: true },
      service_review: { value: "quarterly" },
      incident_cases: { value: true },
    });
  });

  it("en", () => {
    const text =
      "Provider maintains audio-video sync monitoring, offers a sandbox environment, and holds a quarterly business review.";
    const { scenario, practice } = commitmentsOf(text);
    expect(scenario.av_sync).toMatchObject({ value: true });
    expect(practice).toMatchObject({
      test_environment: { value: true },
      service_review: { value: "quarterly" },
    });
  });
});

describe("post-incident reports in more words", () => {
  const rcaOf = (text: string) => {
    const r = extractCommitments(text).commitments.rca;
    return r && [r.committed, r.deadline_hours, r.deadline_business_days ?? null];
  };

  it.each([
    [
      "a PIR in business days",
      "事件发生后48小时内将通过仪表板提供初步的后期事件检查 (PIR)，最终 PIR 在五个工作日内提供。",
      true,
    ],
    ["a report generated on request", "You can request the vendor to generate a Post Incident Report.", true],
  ])("%s", (_name, text, committed) => {
    expect(rcaOf(text)?.[0]).toBe(committed);
  });

  it("a deadline in business days is kept with its unit", () => {
    expect(rcaOf("服务商将在故障恢复后 5 个工作日内提供故障分析报告。")).toEqual([true, null, 5]);
  });
});

describe("data kept after termination so the customer can take it out", () => {
  const exitOf = (text: string) => {
    const d = extractCommitments(text).commitments.data_exit;
    return d && [d.export_days, d.deletion_days, d.retention_days];
  };

  it.each([
    ["zh", "当您终止订购时，我们会将客户数据保留至少九十 (90) 天以便于您提取。", [90, null, null]],
    [
      "en",
      "On termination the vendor retains customer data for 30 days to allow you to export it.",
      [30, null, null],
    ],
    ["retention with no purpose stays retention", "服务终止后，客户数据将保留 15 天。", [null, null, 15]],
  ])("%s", (_name, text, want) => {
    expect(exitOf(text)).toEqual(want);
  });
});

describe("maintenance notice is the lead time", () => {
  const noticeOf = (text: string) => extractCommitments(text).commitments.maintenance?.notice_hours ?? null;

  it("a lead time in the sentence after the one naming maintenance", () => {
    const text = [
      "### Planned maintenance",
      "",
      "Scheduled downtime means periods of downtime for service maintenance. The vendor will notify customers at least five days prior to the start of such downtime, which usually lasts 30 minutes.",
    ].join("\n");
    expect(noticeOf(text)).toBe(120);
  });

  it("not the length of the maintenance", () => {
    expect(
      noticeOf(
        "Maintenance notices are sent by email; each maintenance lasts up to 30 minutes and then 2 hours of checks.",
      ),
    ).toBeNull();
  });
});
