import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Workspace settings: `timezone` (IANA; scheduled reports and the default calendar are read in it),
 * `language` (the web UI's default and the alerts' language unless the alert settings say otherwise)
 * and `business_calendar` (the default business hours of contracts that name none). Existing
 * workspaces get China Standard Time and Chinese, the product's first users' zone and language.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "alter table workspaces add column timezone text not null default 'Asia/Shanghai'",
    "alter table workspaces add column language text not null default 'zh-CN' check (language in ('zh-CN', 'en'))",
    `alter table workspaces add column business_calendar text not null default 'cn_workdays'
      check (business_calendar in ('cn_workdays', 'weekdays', 'always'))`,
  ]);
}
