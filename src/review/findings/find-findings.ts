import type { Finding, FindingSeverity, ScenarioId } from "../../terms/index.js";
import type { Extraction } from "../extraction.js";
import { scenarioProfiles, topicWeight } from "../scenarios/scenario-profiles.js";
import { isAbsent, readPath } from "./commitment-path.js";
import { type ConditionInput, type Match, predicates } from "./predicates.js";
import { type Condition, type Rule, ruleTable } from "./rule-table.js";

export type FindingLang = "zh" | "en";

export interface FindOptions {
  scenario: ScenarioId;
  lang: FindingLang;
  rules?: Rule[];
}

export const severityRank: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2, info: 3 };

function evaluate(condition: Condition, input: ConditionInput, ruleId: string): Match[] {
  const [name, arg] = Object.entries(condition)[0];
  const predicate = predicates[name];
  if (!predicate) throw new Error(`rule ${ruleId}: unknown condition "${name}"`);
  return predicate(arg, input);
}

/** The first condition (of a list) that matches gives the rule's hits. */
function matchRule(rule: Rule, input: ConditionInput): Match[] {
  if (rule.requires && isAbsent(readPath(input.commitments, rule.requires))) return [];
  const conditions = Array.isArray(rule.when) ? rule.when : [rule.when];
  for (const condition of conditions) {
    const hits = evaluate(condition, input, rule.id);
    if (hits.length > 0) return hits;
  }
  return [];
}

function fill(template: string, vars: Match["vars"]): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

/** Whether a rule applies in a scenario: scenario-scoped rules only where the profile lists them. */
export function ruleApplies(rule: Rule, scenario: ScenarioId): boolean {
  return rule.scope !== "scenario" || scenarioProfiles[scenario].items.includes(rule.id);
}

/**
 * Runs the rule table over an extraction: one finding per hit, texts in `lang`, severity for the
 * scenario. Sorted by severity, then the scenario's weight of the topic, then rule order.
 */
export function findFindings(extraction: Extraction, opts: FindOptions): Finding[] {
  const rules = opts.rules ?? ruleTable.rules;
  const input: ConditionInput = { commitments: extraction.commitments, signals: extraction.signals };
  const found: Array<{ finding: Finding; order: number }> = [];
  rules.forEach((rule, order) => {
    if (!ruleApplies(rule, opts.scenario)) return;
    for (const match of matchRule(rule, input)) {
      found.push({
        order,
        finding: {
          id: rule.id,
          topic: match.topic ?? rule.topic,
          kind: rule.kind,
          severity: rule.severity[opts.scenario] ?? rule.severity.default,
          title: fill(rule.title[opts.lang], match.vars),
          detail: fill(rule.detail[opts.lang], match.vars),
          evidence: match.evidence,
          ask: fill(rule.ask[opts.lang], match.vars),
          suggested_clause: fill(rule.clause[opts.lang], match.vars),
        },
      });
    }
  });
  found.sort(
    (a, b) =>
      severityRank[a.finding.severity] - severityRank[b.finding.severity] ||
      topicWeight(opts.scenario, b.finding.topic) - topicWeight(opts.scenario, a.finding.topic) ||
      a.order - b.order,
  );
  return found.map((f) => f.finding);
}
