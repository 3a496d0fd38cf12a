// The fixed name lists of the terms model, as plain arrays with no imports, so the zod schemas
// (review-schema.ts), the store's CHECK constraints (migrations), the CLI and the web UI all
// derive from this one source. Adding a scenario: add it here, add its profile in
// data/scenarios.yaml, and a migration that re-creates the CHECK with `scenarioCheck()`.

/** Scenario ids a review is made for. */
export const SCENARIO_IDS = ["general", "voice-cs", "social-1v1", "live-streaming", "global"] as const;

/** Categories of SLA exclusions a review recognises. */
export const EXCLUSION_CATEGORIES = [
  "customer_network",
  "customer_config",
  "third_party",
  "force_majeure",
  "maintenance",
  "misuse",
  "suspension",
  "beta_features",
  "sdk_compat",
  "catch_all",
] as const;

/** `column in ('a', 'b', …)` for a CHECK constraint over one of these lists. */
export function inListCheck(column: string, names: readonly string[]): string {
  return `${column} in (${names.map((n) => `'${n.replace(/'/g, "''")}'`).join(", ")})`;
}
