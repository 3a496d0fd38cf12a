import { type Finding, type ScenarioId, TopicId } from "../../terms/index.js";
import { ruleTable, type Scoring } from "../findings/rule-table.js";
import { scenarioProfiles } from "../scenarios/scenario-profiles.js";

export interface Score {
  overall: number;
  topics: Record<string, number>;
}

/**
 * Per topic: 100 minus the penalty of each finding's severity, plus a bonus per strength, clamped
 * to 0–100; a rule firing again in the same topic counts `repeat_factor` of its points. Overall: the topics averaged with the scenario profile's weights (topics weighted 0
 * are not scored). Penalties and the bonus are data (rules.yaml `scoring`).
 */
export function scoreFindings(
  findings: Finding[],
  scenario: ScenarioId,
  scoring: Scoring = ruleTable.scoring,
): Score {
  const weights = scenarioProfiles[scenario].weights;
  const topics: Record<string, number> = {};
  let weighted = 0;
  let total = 0;
  for (const topic of TopicId.options) {
    const weight = weights[topic] ?? 0;
    if (weight <= 0) continue;
    let score = 100;
    const seen = new Set<string>();
    for (const f of findings) {
      if (f.topic !== topic) continue;
      const factor = seen.has(f.id) ? scoring.repeat_factor : 1;
      seen.add(f.id);
      score +=
        f.kind === "strength"
          ? scoring.strength_bonus * factor
          : -(scoring.penalty[f.severity] ?? 0) * factor;
    }
    score = Math.round(Math.max(0, Math.min(100, score)));
    topics[topic] = score;
    weighted += weight * score;
    total += weight;
  }
  return { overall: total > 0 ? Math.round(weighted / total) : 100, topics };
}
