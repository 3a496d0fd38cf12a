import { parse } from "yaml";
import { z } from "zod";
import { readDataFile } from "../../data-files/index.js";
import { InputError } from "../../errors/index.js";
import { FindingKind, FindingSeverity, ScenarioId, TopicId } from "../../terms/index.js";

const Text = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** One condition: `signal`, `missing`, or one named predicate with its argument. */
export const Condition = z.record(z.string(), z.unknown()).refine((c) => Object.keys(c).length === 1, {
  message: "a condition has exactly one key",
});
export type Condition = z.infer<typeof Condition>;

export const Rule = z.object({
  id: z.string().regex(/^[a-z_]+\.[a-z0-9_.]+$/),
  topic: TopicId,
  kind: FindingKind,
  severity: z.object({ default: FindingSeverity }).and(z.partialRecord(ScenarioId, FindingSeverity)),
  when: z.union([Condition, z.array(Condition).min(1)]),
  requires: z.string().optional(),
  scope: z.enum(["all", "scenario"]).default("all"),
  title: Text,
  detail: Text,
  ask: Text,
  clause: Text,
});
export type Rule = z.infer<typeof Rule>;

export const Scoring = z.object({
  penalty: z.record(FindingSeverity, z.number().nonnegative()),
  strength_bonus: z.number().nonnegative(),
  repeat_factor: z.number().min(0).max(1).default(1),
});
export type Scoring = z.infer<typeof Scoring>;

export const RuleTable = z.object({ scoring: Scoring, rules: z.array(Rule) });
export type RuleTable = z.infer<typeof RuleTable>;

/** Parses a rules file; ids must be unique. */
export function parseRuleTable(text: string, name = "rules.yaml"): RuleTable {
  return checkRuleTable(parse(text), name);
}

/** Checks a parsed rules file; ids must be unique. */
function checkRuleTable(data: unknown, name: string): RuleTable {
  const parsed = RuleTable.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(name, `${issue.path.join(".")}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (seen.has(rule.id)) throw new InputError(name, `rule id "${rule.id}" appears twice`);
    seen.add(rule.id);
  }
  return parsed.data;
}

/** The bundled rule table (data/review/rules.yaml). */
export const ruleTable: RuleTable = checkRuleTable(readDataFile("review/rules.yaml"), "rules.yaml");
