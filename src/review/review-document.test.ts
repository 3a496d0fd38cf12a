import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { ReviewResult, type ScenarioId } from "../terms/index.js";
import { reviewDocument } from "./review-document.js";

const seedText = readFileSync(new URL("./__tests__/seed-article.txt", import.meta.url), "utf8");
const sampleText = readFileSync(new URL("./__tests__/sample-sla-en.txt", import.meta.url), "utf8");
const seed = (scenario: ScenarioId) =>
  reviewDocument({ name: "seed.txt", text: seedText, language: "zh", sha256: "s" }, { scenario });

/**
 * The seed article's checklist, read from the article: each question it tells a buyer to ask,
 * the finding that asks it, the scenario where it applies, and words the ask must contain.
 */
const checklist: Array<[string, string, ScenarioId, string[]]> = [
  [
    "分级机制：每一级的响应时间与解决时限",
    "missing.support_tiers",
    "general",
    ["故障分级", "响应时间", "解决时间"],
  ],
  ["紧急问题响应是小时级还是分钟级", "missing.support_tiers", "general", ["分钟级", "小时级"]],
  ["是 7×24 小时覆盖还是只在工作时间", "missing.24x7", "general", ["7×24"]],
  [
    "支持渠道：电话、邮件、工单、在线客服、技术客户经理",
    "missing.channels",
    "general",
    ["电话", "邮件", "工单", "在线客服", "技术客户经理"],
  ],
  ["处理人员是初级客服还是技术专家", "missing.escalation", "general", ["技术专家"]],
  [
    "专属技术支持通道/专属技术客户经理怎么申请、怎么使用",
    "missing.dedicated_contact",
    "general",
    ["专属", "申请", "使用"],
  ],
  [
    "故障分析报告：原因、影响范围、解决过程、后续规避",
    "missing.rca",
    "general",
    ["原因", "影响范围", "解决过程", "规避"],
  ],
  ["版本升级免费还是额外收费", "missing.upgrade_terms", "general", ["免费", "收费"]],
  ["重大安全补丁的推送周期", "missing.upgrade_terms", "general", ["安全补丁"]],
  ["升级过程中业务会不会中断", "missing.upgrade_terms", "general", ["中断"]],
  ["提前通知升级计划，留出测试和准备时间", "missing.upgrade_notice", "general", ["提前", "测试", "准备"]],
  ["升级窗口的选择", "missing.upgrade_notice", "general", ["升级窗口"]],
  ["灰度发布流程和回滚机制", "missing.rollback", "general", ["灰度", "回滚"]],
  [
    "“尽力而为”要换成可追溯的数字（如 P0 15 分钟响应、4 小时解决）",
    "missing.support_tiers",
    "general",
    ["P0", "响应时间", "解决时间"],
  ],
  [
    "责任边界：环境配置问题定义多宽，网络波动/第三方组件/SDK 兼容性",
    "missing.liability_boundary",
    "general",
    ["环境配置", "网络波动", "第三方组件", "SDK"],
  ],
  [
    "终止后数据：删除、导出时间窗口还是转存，保留多久",
    "missing.data_exit",
    "general",
    ["删除", "导出时间窗口", "转存", "保留多久"],
  ],
  ["导出窗口", "missing.data_export_window", "general", ["导出窗口"]],
  ["语音客服：高峰期容量保障", "missing.peak_capacity", "voice-cs", ["高峰期", "容量"]],
  ["语音客服：异常流量应急扩容", "missing.emergency_scaling", "voice-cs", ["异常流量", "应急扩容"]],
  ["语音客服：专属故障升级通道", "missing.escalation_channel", "voice-cs", ["专属", "故障升级通道"]],
  [
    "1V1 社交：接通速度，接通失败率上升、延迟波动时的响应与定位",
    "missing.connect_time",
    "social-1v1",
    ["接通", "延迟", "定位"],
  ],
  ["1V1 社交：故障解决时限", "missing.support_tiers", "social-1v1", ["解决时间"]],
  ["1V1 社交：监控告警机制", "missing.monitoring_alerts", "social-1v1", ["监控", "告警"]],
  ["1V1 社交：主动预警服务", "missing.proactive_alerts", "social-1v1", ["主动预警"]],
  [
    "直播连麦：多人连麦专项排查指南",
    "missing.troubleshooting_guides",
    "live-streaming",
    ["多人连麦", "排查指南"],
  ],
  [
    "直播连麦：模拟弱网环境的测试工具",
    "missing.weak_network_tools",
    "live-streaming",
    ["模拟弱网", "测试工具"],
  ],
  [
    "直播连麦：音画不同步能否定位到 SDK、后端服务或网络链路",
    "missing.av_sync",
    "live-streaming",
    ["音画不同步", "SDK", "后端服务", "网络链路"],
  ],
  [
    "出海：全球节点运维与跨境网络波动应急预案",
    "missing.global_nodes",
    "global",
    ["全球节点", "跨境网络", "应急预案"],
  ],
  ["出海：本地化技术团队覆盖", "missing.local_teams", "global", ["本地化技术团队"]],
  [
    "出海：服务时段与时区，白纸黑字写清",
    "missing.timezone_coverage",
    "global",
    ["时区", "服务时段", "白纸黑字"],
  ],
  ["建议一：过往真实故障处理案例", "missing.incident_cases", "general", ["故障处理案例"]],
  ["建议二：测试环境使用权限与技术支持", "missing.test_environment", "general", ["测试环境", "技术专家"]],
  ["建议三：季度或半年服务回顾", "missing.service_review", "general", ["季度", "服务回顾", "满意度"]],
  ["建议四：99.9% 可用性承诺", "missing.availability", "general", ["可用性", "99.9%"]],
  ["建议四：没达标怎么办", "missing.credits", "general", ["没达标", "补偿"]],
  [
    "建议四：补偿是服务券、延长使用期还是现金",
    "missing.credit_form",
    "general",
    ["服务券", "延长使用期", "现金"],
  ],
];

describe("reviewDocument on the seed article", () => {
  it.each(checklist)("asks: %s", (_item, id, scenario, words) => {
    const finding = seed(scenario).findings.find((f) => f.id === id);
    expect(finding, `${id} in ${scenario}`).toBeDefined();
    for (const w of words) expect(finding?.ask).toContain(w);
  });

  it("reports only missing findings, with no evidence, in Chinese, each with id/topic/kind/severity/ask", () => {
    for (const scenario of ["general", "voice-cs"] as const) {
      const r = seed(scenario);
      expect(ReviewResult.parse(r)).toEqual(r);
      expect(r.findings.length).toBeGreaterThan(15);
      for (const f of r.findings) {
        expect(f.kind).toBe("missing");
        expect(f.evidence).toEqual([]);
        expect(f.ask).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it("scores lower for voice customer service, where the missing scenario items weigh in", () => {
    expect(seed("voice-cs").score.overall).toBeLessThan(seed("general").score.overall);
  });

  it("writes English asks with lang en", () => {
    const r = reviewDocument(
      { name: "seed.txt", text: seedText, language: "zh", sha256: "s" },
      { lang: "en" },
    );
    expect(r.findings.every((f) => !/[\u4e00-\u9fff]/.test(f.ask))).toBe(true);
  });
});

describe("reviewDocument on the contract-check English sample", () => {
  const r = reviewDocument({ name: "sample-sla-en.txt", text: sampleText, language: "en", sha256: "e" });
  it("flags vague wording, severity reclassification and the missing RCA", () => {
    const ids = r.findings.map((f) => f.id);
    expect(r.findings.some((f) => f.kind === "vague")).toBe(true);
    expect(ids.some((i) => /reclass/.test(i))).toBe(true);
    expect(ids).toContain("missing.rca");
    expect(ids).toContain("trap.vendor_records_prevail");
  });
  it("quotes the document exactly in every finding span", () => {
    for (const f of r.findings)
      for (const s of f.evidence) expect(sampleText.slice(s.start, s.end)).toBe(s.text);
  });
  it("rejects an unknown scenario as bad input", () => {
    expect(() =>
      reviewDocument(
        { name: "x", text: "x", language: "en", sha256: "" },
        { scenario: "gaming" as ScenarioId },
      ),
    ).toThrow(InputError);
  });
});
