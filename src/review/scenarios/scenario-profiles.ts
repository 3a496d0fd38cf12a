import { parse } from "yaml";
import { z } from "zod";
import { readDataFile } from "../../data-files/index.js";
import { InputError } from "../../errors/index.js";
import { ScenarioId, TopicId } from "../../terms/index.js";

const Text = z.object({ zh: z.string(), en: z.string() });

export const ScenarioProfile = z.object({
  name: Text,
  rationale: Text,
  /** How much each topic counts in the overall score; 0 = not scored. */
  weights: z.record(TopicId, z.number().nonnegative()),
  /** Scenario finding rules (scope: scenario) that apply in this profile. */
  items: z.array(z.string()),
});
export type ScenarioProfile = z.infer<typeof ScenarioProfile> & { id: ScenarioId };

const ProfilesFile = z.record(ScenarioId, ScenarioProfile);

/** Parses the scenario profiles file; every scenario id must be present. */
export function parseScenarioProfiles(
  text: string,
  name = "scenarios.yaml",
): Record<ScenarioId, ScenarioProfile> {
  return checkScenarioProfiles(parse(text), name);
}

/** Checks parsed scenario profiles; every scenario id must be present. */
function checkScenarioProfiles(data: unknown, name: string): Record<ScenarioId, ScenarioProfile> {
  const parsed = ProfilesFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(name, `${issue.path.join(".")}: ${issue.message}`);
  }
  const out = {} as Record<ScenarioId, ScenarioProfile>;
  for (const id of ScenarioId.options) {
    const profile = parsed.data[id];
    if (!profile) throw new InputError(name, `scenario "${id}" is missing`);
    out[id] = { ...profile, id };
  }
  return out;
}

/** The bundled profiles (data/review/scenarios.yaml). */
export const scenarioProfiles: Record<ScenarioId, ScenarioProfile> = checkScenarioProfiles(
  readDataFile("review/scenarios.yaml"),
  "scenarios.yaml",
);

/** Weight of a topic in a scenario (0 when the profile does not score it). */
export function topicWeight(scenario: ScenarioId, topic: TopicId): number {
  return scenarioProfiles[scenario].weights[topic] ?? 0;
}
