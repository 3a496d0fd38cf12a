import type { Kysely } from "kysely";
import { inListCheck, SCENARIO_IDS } from "../../terms/name-lists.js";
import { runStatements } from "./run-statements.js";

/**
 * A stored review's scenario is one of the scenario ids (src/terms/name-lists.ts, the list the
 * schema, CLI and web UI use too). A later change of that list re-creates this constraint.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `alter table reviews add constraint reviews_scenario_check check (${inListCheck("scenario", SCENARIO_IDS)})`,
  ]);
}
