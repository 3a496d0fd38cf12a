// Hand-built extractions that exercise the findings engine, the score and the renderers
// independently of the extractor.
import type { Span } from "../../terms/index.js";
import { emptyCommitments } from "../empty-commitments.js";
import type { Extraction } from "../extraction.js";

/** A span of `needle` in `text` (the first occurrence); throws when absent so fixtures stay honest. */
export function spanOf(text: string, needle: string): Span {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`fixture text lacks "${needle}"`);
  const line = text.slice(0, start).split("\n").length;
  return { start, end: start + needle.length, line, text: needle };
}

export const sampleEnText = `Northwind Voice API — Support and Service Level Terms
Northwind will use commercially reasonable efforts to make the Voice API available with a Monthly Uptime Percentage of at least 99.9%.
| Less than 99.9% but at least 99.0% | 10% |
| Less than 99.0% but at least 95.0% | 25% |
| Less than 95.0% | 50% |
Service Credits are issued as credits against future invoices and are not refundable as cash. Customer must submit a claim within 30 days after the end of the month in which the incident occurred. Northwind's monitoring records shall prevail in case of dispute.
| Severity 1 | Production service down | 15 minutes | 24x7 |
| Severity 2 | Major function impaired | 2 hours | 24x7 |
| Severity 3 | Minor issue | 1 business day | Business hours |
Northwind may reclassify the severity of a ticket at its sole discretion.
The commitment does not apply to unavailability caused by the Customer's network, equipment or configuration, third-party services, internet fluctuations, or force majeure events.
Northwind will give at least 72 hours' notice of scheduled maintenance.
Customer Data will be deleted within 30 days after termination.
`;

/** Roughly what extraction gives for the sample English SLA of the contract check. */
export function sampleEnExtraction(): Extraction {
  const t = sampleEnText;
  const c = emptyCommitments();
  c.availability = {
    target_percent: 99.9,
    window: "month",
    formula: "time",
    evidence: [spanOf(t, "at least 99.9%")],
  };
  c.credits = {
    tiers: [
      { below_percent: 99.9, credit_percent: 10 },
      { below_percent: 99, credit_percent: 25 },
      { below_percent: 95, credit_percent: 50 },
    ],
    form: "service_credit",
    cap_percent: null,
    claim_deadline_days: 30,
    vendor_records_prevail: true,
    evidence: [spanOf(t, "not refundable as cash"), spanOf(t, "within 30 days after the end of the month")],
  };
  c.support = {
    tiers: [
      {
        severity: "Severity 1",
        description: "Production service down",
        response_minutes: 15,
        resolution_minutes: null,
        coverage: "24x7",
        evidence: [spanOf(t, "| Severity 1 | Production service down | 15 minutes | 24x7 |")],
      },
      {
        severity: "Severity 2",
        description: "Major function impaired",
        response_minutes: 120,
        resolution_minutes: null,
        coverage: "24x7",
        evidence: [spanOf(t, "| Severity 2 | Major function impaired | 2 hours | 24x7 |")],
      },
      {
        severity: "Severity 3",
        description: "Minor issue",
        response_minutes: null,
        response_business_days: 1,
        resolution_minutes: null,
        coverage: "business_hours",
        evidence: [spanOf(t, "| Severity 3 | Minor issue")],
      },
    ],
    channels: [],
    dedicated_contact: null,
    evidence: [],
  };
  c.exclusions = [
    { category: "customer_network", broad: true, evidence: [spanOf(t, "internet fluctuations")] },
    { category: "customer_config", broad: false, evidence: [spanOf(t, "equipment or configuration")] },
    { category: "third_party", broad: true, evidence: [spanOf(t, "third-party services")] },
    { category: "force_majeure", broad: false, evidence: [spanOf(t, "force majeure events")] },
  ];
  c.maintenance = { notice_hours: 72, window: null, evidence: [spanOf(t, "at least 72 hours' notice")] };
  c.data_exit = {
    export_days: null,
    deletion_days: 30,
    retention_days: null,
    evidence: [spanOf(t, "deleted within 30 days")],
  };
  return {
    commitments: c,
    signals: [
      {
        rule: "vague.commercially_reasonable",
        topic: "availability",
        evidence: [spanOf(t, "commercially reasonable efforts")],
      },
      {
        rule: "trap.severity_reclassification",
        topic: "support.tiers",
        evidence: [spanOf(t, "may reclassify the severity")],
      },
      {
        rule: "trap.vendor_records_prevail",
        topic: "credits",
        evidence: [spanOf(t, "monitoring records shall prevail")],
      },
    ],
  };
}

export const strongZhText = `星河语音 API 服务等级协议
P0 级故障（核心功能不可用）：7×24 小时受理，15 分钟内响应，4 小时内恢复。
P1 级故障（主要功能受损）：7×24 小时受理，30 分钟内响应，8 小时内恢复。
故障恢复后 72 小时内提交书面故障分析报告，包括原因、影响范围、处理过程和改进措施。
计划维护提前 72 小时通知。
月可用性不低于 99.95%，按时间计算；低于 99.95% 补偿月费 10%，以现金退还。
合同终止后 30 日内可导出全部数据。
`;

/** A good Chinese SLA: fast 24x7 tiers with resolution, RCA in 72 h, cash credits, export window. */
export function strongZhExtraction(): Extraction {
  const t = strongZhText;
  const c = emptyCommitments();
  c.support = {
    tiers: [
      {
        severity: "P0",
        description: "核心功能不可用",
        response_minutes: 15,
        resolution_minutes: 240,
        coverage: "24x7",
        evidence: [spanOf(t, "P0 级故障（核心功能不可用）：7×24 小时受理，15 分钟内响应，4 小时内恢复。")],
      },
      {
        severity: "P1",
        description: "主要功能受损",
        response_minutes: 30,
        resolution_minutes: 480,
        coverage: "24x7",
        evidence: [spanOf(t, "P1 级故障（主要功能受损）：7×24 小时受理，30 分钟内响应，8 小时内恢复。")],
      },
    ],
    channels: ["phone", "ticket"],
    dedicated_contact: true,
    escalation: true,
    evidence: [],
  };
  c.rca = {
    committed: true,
    deadline_hours: 72,
    contents: ["cause", "impact", "timeline", "prevention"],
    evidence: [spanOf(t, "故障恢复后 72 小时内提交书面故障分析报告")],
  };
  c.maintenance = { notice_hours: 72, window: null, evidence: [spanOf(t, "计划维护提前 72 小时通知")] };
  c.availability = {
    target_percent: 99.95,
    window: "month",
    formula: "time",
    evidence: [spanOf(t, "月可用性不低于 99.95%")],
  };
  c.credits = {
    tiers: [{ below_percent: 99.95, credit_percent: 10 }],
    form: "cash",
    cap_percent: null,
    claim_deadline_days: 60,
    vendor_records_prevail: false,
    evidence: [spanOf(t, "以现金退还")],
  };
  c.data_exit = {
    export_days: 30,
    deletion_days: null,
    retention_days: null,
    evidence: [spanOf(t, "合同终止后 30 日内可导出全部数据")],
  };
  return { commitments: c, signals: [] };
}

/** A document that commits to nothing (what the seed article must give). */
export function emptyExtraction(): Extraction {
  return { commitments: emptyCommitments(), signals: [] };
}
