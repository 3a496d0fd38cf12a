import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../errors/index.js";
import { ScenarioId, TopicId } from "../../terms/index.js";
import { parseScenarioProfiles, scenarioProfiles } from "./scenario-profiles.js";

const source = readFileSync(new URL("../../../data/review/scenarios.yaml", import.meta.url), "utf8");

describe("scenario profiles", () => {
  it.each(ScenarioId.options)("%s has a weight for every topic and a rationale in both languages", (id) => {
    const p = scenarioProfiles[id];
    expect(Object.keys(p.weights).sort()).toEqual([...TopicId.options].sort());
    expect(p.rationale.zh.length).toBeGreaterThan(10);
    expect(p.rationale.en.length).toBeGreaterThan(10);
  });
  it("general lists no scenario items and does not score the scenario topic; the others do", () => {
    expect(scenarioProfiles.general.items).toEqual([]);
    expect(scenarioProfiles.general.weights.scenario).toBe(0);
    for (const id of ScenarioId.options.filter((s) => s !== "general")) {
      expect(scenarioProfiles[id].items.length, id).toBeGreaterThan(0);
      expect(scenarioProfiles[id].weights.scenario, id).toBeGreaterThan(0);
    }
  });
  it("no two profiles weigh topics the same way", () => {
    const keys = ScenarioId.options.map((id) => JSON.stringify(scenarioProfiles[id].weights));
    expect(new Set(keys).size).toBe(keys.length);
  });
  it("rejects a file missing a scenario or with a negative weight", () => {
    expect(() => parseScenarioProfiles(source.replace(/^global:[\s\S]*$/m, ""), "s.yaml")).toThrow(
      InputError,
    );
    expect(() =>
      parseScenarioProfiles(source.replace("support.tiers: 3\n", "support.tiers: -3\n"), "s.yaml"),
    ).toThrow(/general\.weights\.support\.tiers/);
  });
});
