import { describe, expect, it } from "vitest";
import { Finding, type ScenarioId } from "../../terms/index.js";
import {
  emptyExtraction,
  sampleEnExtraction,
  spanOf,
  strongZhExtraction,
  strongZhText,
} from "../__tests__/extraction-fixtures.js";
import { scenarioProfiles } from "../scenarios/scenario-profiles.js";
import { findFindings, severityRank } from "./find-findings.js";
import { predicates } from "./predicates.js";
import { parseRuleTable, ruleTable } from "./rule-table.js";

const ids = (fs: Finding[]) => fs.map((f) => f.id);

describe("rule table", () => {
  const ruleIds = ruleTable.rules.map((r) => r.id);
  it("has every rule id the contract names", () => {
    const required =
      `missing.support_tiers missing.resolution_time missing.24x7 missing.channels missing.dedicated_contact
      missing.escalation missing.rca missing.rca_deadline missing.upgrade_terms missing.upgrade_notice missing.rollback
      missing.maintenance_notice missing.availability missing.availability_formula missing.credits missing.credit_form
      missing.claim_process missing.data_exit missing.data_export_window vague.best_effort vague.commercially_reasonable
      vague.no_number vague.assist_only exclusion.broad_network exclusion.third_party exclusion.sdk_compat
      exclusion.customer_config trap.severity_reclassification trap.vendor_records_prevail trap.credit_voucher_only
      trap.sole_remedy trap.unilateral_change trap.support_after_go_live trap.silent_upgrade trap.claim_window_short
      missing.peak_capacity missing.emergency_scaling missing.escalation_channel missing.connect_time
      missing.monitoring_alerts missing.proactive_alerts missing.av_sync missing.weak_network_tools
      missing.troubleshooting_guides missing.global_nodes missing.local_teams missing.timezone_coverage
      missing.incident_cases missing.test_environment missing.service_review strength.rca_deadline
      strength.top_tier_15min_24x7`.split(/\s+/);
    expect(required.filter((id) => !ruleIds.includes(id))).toEqual([]);
  });
  it("lists in each scenario profile only scenario-scoped rules that exist", () => {
    for (const profile of Object.values(scenarioProfiles)) {
      for (const item of profile.items) {
        expect(ruleTable.rules.find((r) => r.id === item)?.scope, `${profile.id} ${item}`).toBe("scenario");
      }
    }
  });
  it("uses only conditions the engine knows", () => {
    for (const rule of ruleTable.rules) {
      const conditions = Array.isArray(rule.when) ? rule.when : [rule.when];
      for (const c of conditions) expect(Object.keys(predicates), rule.id).toContain(Object.keys(c)[0]);
    }
  });
  it("rejects a duplicate id or a rule without texts", () => {
    const rule = `  - { id: missing.x, topic: rca, kind: missing, severity: { default: low }, when: { missing: rca },
      title: { zh: 标题, en: t }, detail: { zh: 说明, en: d }, ask: { zh: 问题, en: a }, clause: { zh: 条款, en: c } }`;
    const head =
      "scoring: { penalty: { high: 40, medium: 20, low: 10, info: 0 }, strength_bonus: 5 }\nrules:\n";
    expect(parseRuleTable(head + rule).rules).toHaveLength(1);
    expect(() => parseRuleTable(`${head + rule}\n${rule}`)).toThrow(/appears twice/);
    expect(() => parseRuleTable(head + rule.replace("ask: { zh: 问题, en: a }, ", ""))).toThrow(
      /rules\.0\.ask/,
    );
  });
  it("writes zh texts in Chinese and en texts without Chinese", () => {
    const han = /[\u4e00-\u9fff]/;
    for (const rule of ruleTable.rules) {
      for (const field of ["title", "detail", "ask", "clause"] as const) {
        expect(rule[field].zh, `${rule.id} ${field}.zh`).toMatch(han);
        expect(rule[field].en, `${rule.id} ${field}.en`).not.toMatch(han);
      }
    }
  });
  it("writes every rule's id with its kind as prefix", () => {
    for (const rule of ruleTable.rules) expect(rule.id.split(".")[0], rule.id).toBe(rule.kind);
  });
});

describe("findFindings", () => {
  it("a document that commits to nothing gets the missing findings, none with evidence", () => {
    const found = findFindings(emptyExtraction(), { scenario: "general", lang: "zh" });
    expect(ids(found)).toEqual(
      expect.arrayContaining([
        "missing.support_tiers",
        "missing.24x7",
        "missing.rca",
        "missing.credits",
        "missing.data_exit",
      ]),
    );
    expect(found.every((f) => f.kind === "missing" && f.evidence.length === 0)).toBe(true);
    expect(ids(found)).not.toContain("missing.availability_formula"); // requires a target first
    expect(ids(found)).not.toContain("missing.peak_capacity"); // scenario item, not in general
  });

  const scenarioItems: Array<[ScenarioId, string[]]> = [
    ["voice-cs", ["missing.peak_capacity", "missing.emergency_scaling", "missing.escalation_channel"]],
    ["social-1v1", ["missing.connect_time", "missing.monitoring_alerts", "missing.proactive_alerts"]],
    ["live-streaming", ["missing.av_sync", "missing.weak_network_tools", "missing.troubleshooting_guides"]],
    ["global", ["missing.global_nodes", "missing.local_teams", "missing.timezone_coverage"]],
  ];
  it.each(scenarioItems)("scenario %s adds its own items and no other scenario's", (scenario, items) => {
    const found = ids(findFindings(emptyExtraction(), { scenario, lang: "zh" }));
    expect(found).toEqual(expect.arrayContaining(items));
    const others = scenarioItems.filter(([s]) => s !== scenario).flatMap(([, i]) => i);
    expect(found.filter((id) => others.includes(id))).toEqual([]);
  });

  it("the sample English SLA: vague wording, reclassification, missing RCA, traps and exclusions", () => {
    const found = findFindings(sampleEnExtraction(), { scenario: "general", lang: "en" });
    expect(ids(found)).toEqual(
      expect.arrayContaining([
        "vague.commercially_reasonable",
        "trap.severity_reclassification",
        "missing.rca",
        "trap.vendor_records_prevail",
        "trap.credit_voucher_only",
        "exclusion.broad_network",
        "exclusion.third_party",
        "exclusion.customer_config",
        "missing.resolution_time",
        "strength.top_tier_15min_24x7",
        "strength.maintenance_notice",
      ]),
    );
    for (const absent of [
      "missing.credits",
      "missing.24x7",
      "missing.availability",
      "trap.claim_window_short",
    ]) {
      expect(ids(found)).not.toContain(absent);
    }
    // the vendor-records trap fires once (signal first; the flag is the fallback)
    expect(ids(found).filter((i) => i === "trap.vendor_records_prevail")).toHaveLength(1);
    const resolution = found.find((f) => f.id === "missing.resolution_time");
    expect(resolution?.title).toContain("Severity 1/Severity 2");
    const vague = found.find((f) => f.id === "vague.commercially_reasonable");
    expect(vague?.topic).toBe("availability"); // the signal's topic
    expect(vague?.evidence[0].text).toBe("commercially reasonable efforts");
  });

  it("every finding other than missing carries evidence, and validates against the contract", () => {
    for (const extraction of [sampleEnExtraction(), strongZhExtraction()]) {
      for (const f of findFindings(extraction, { scenario: "voice-cs", lang: "zh" })) {
        expect(() => Finding.parse(f)).not.toThrow();
        if (f.kind !== "missing") expect(f.evidence.length, f.id).toBeGreaterThan(0);
      }
    }
  });

  it("writes texts in the requested language with placeholders filled", () => {
    const x = sampleEnExtraction();
    if (x.commitments.credits) x.commitments.credits.claim_deadline_days = 14;
    const zh = findFindings(x, { scenario: "general", lang: "zh" }).find(
      (f) => f.id === "trap.claim_window_short",
    );
    const en = findFindings(x, { scenario: "general", lang: "en" }).find(
      (f) => f.id === "trap.claim_window_short",
    );
    expect(zh?.title).toBe("补偿申请期只有 14 天");
    expect(en?.title).toBe("Only 14 days to claim credits");
    expect(zh?.ask).toMatch(/[\u4e00-\u9fff]/);
    expect(en?.ask).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("sets severity by scenario", () => {
    const sev = (scenario: ScenarioId) =>
      findFindings(emptyExtraction(), { scenario, lang: "en" }).find((f) => f.id === "missing.24x7")
        ?.severity;
    expect(sev("general")).toBe("medium");
    expect(sev("voice-cs")).toBe("high");
  });

  it("orders findings by severity", () => {
    const found = findFindings(sampleEnExtraction(), { scenario: "global", lang: "en" });
    const ranks = found.map((f) => severityRank[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("a strong SLA gets strengths and none of the tier, RCA or credit gaps", () => {
    const found = ids(findFindings(strongZhExtraction(), { scenario: "general", lang: "zh" }));
    expect(found).toEqual(
      expect.arrayContaining([
        "strength.top_tier_15min_24x7",
        "strength.resolution_committed",
        "strength.rca_deadline",
        "strength.cash_credits",
        "strength.data_export_window",
      ]),
    );
    for (const gap of [
      "missing.support_tiers",
      "missing.resolution_time",
      "missing.24x7",
      "missing.rca",
      "missing.rca_deadline",
      "missing.credits",
      "trap.credit_voucher_only",
      "missing.data_export_window",
    ]) {
      expect(found).not.toContain(gap);
    }
  });

  it("flags an RCA without deadline, a broad network exclusion and an SDK exclusion", () => {
    const x = strongZhExtraction();
    if (x.commitments.rca) x.commitments.rca.deadline_hours = null;
    const ev = [spanOf(strongZhText, "计划维护")];
    x.commitments.exclusions = [
      { category: "customer_network", broad: true, evidence: ev },
      { category: "sdk_compat", broad: true, evidence: ev },
      { category: "customer_network", broad: false, evidence: ev },
    ];
    const found = ids(findFindings(x, { scenario: "general", lang: "zh" }));
    expect(found).toContain("missing.rca_deadline");
    expect(found).not.toContain("strength.rca_deadline");
    expect(found.filter((i) => i === "exclusion.broad_network")).toHaveLength(1);
    expect(found).toContain("exclusion.sdk_compat");
  });
});
