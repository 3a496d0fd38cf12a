import type { Kysely } from "kysely";
import { CHANNEL_KINDS } from "../../alerts/channels/kinds.js";
import { runStatements } from "./run-statements.js";

const NOW = "date_trunc('milliseconds', now())";
const kinds = CHANNEL_KINDS.map((k) => `'${k}'`).join(", ");

/**
 * Alerts that run by themselves (src/alerts): channels a workspace manages (config sealed with the
 * workspace secret key, only a redacted target in clear), per-workspace alert settings (language,
 * link base), per-probe N-of-M region policy, alerts (one firing row per key) and their deliveries
 * (one row per channel and event, retried with backoff).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table alert_channels (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      name text not null,
      kind text not null check (kind in (${kinds})),
      target text not null,
      sealed text not null,
      key_id text not null,
      enabled boolean not null default true,
      severities jsonb,
      vendor_ids jsonb,
      quiet jsonb,
      status text not null default 'new' check (status in ('new', 'ok', 'failing')),
      last_error text,
      last_attempt_at timestamptz,
      last_ok_at timestamptz,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      updated_at timestamptz not null default ${NOW}
    )`,
    "create index alert_channels_ws on alert_channels (workspace_id, created_at, id)",
    `create table alert_settings (
      workspace_id text primary key references workspaces(id) on delete cascade,
      lang text not null default 'en' check (lang in ('zh', 'en')),
      public_url text,
      updated_at timestamptz not null default ${NOW}
    )`,
    `create table alert_probe_policies (
      probe_id text primary key references probes(id) on delete cascade,
      workspace_id text not null references workspaces(id) on delete cascade,
      min_failing_regions integer not null check (min_failing_regions >= 1),
      updated_at timestamptz not null default ${NOW}
    )`,
    `create table alerts (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      key text not null,
      rule text not null,
      status text not null check (status in ('firing', 'resolved')),
      severity text not null check (severity in ('page', 'ticket')),
      level integer not null default 1,
      vendor_id text,
      subject text not null,
      facts jsonb not null,
      opened_at timestamptz not null,
      resolved_at timestamptz,
      last_notified_at timestamptz,
      updated_at timestamptz not null default ${NOW}
    )`,
    "create unique index alerts_one_firing on alerts (workspace_id, key) where status = 'firing'",
    "create index alerts_ws_rule on alerts (workspace_id, rule, status)",
    `create table alert_deliveries (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      alert_id text references alerts(id) on delete cascade,
      channel_id text not null references alert_channels(id) on delete cascade,
      event text not null check (event in ('firing', 'escalated', 'resolved', 'test')),
      status text not null check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      last_error text,
      message jsonb not null,
      created_at timestamptz not null default ${NOW},
      sent_at timestamptz
    )`,
    "create index alert_deliveries_due on alert_deliveries (status, next_attempt_at)",
    "create index alert_deliveries_alert on alert_deliveries (alert_id)",
    "create index alert_deliveries_channel on alert_deliveries (channel_id, created_at desc)",
  ]);
}
