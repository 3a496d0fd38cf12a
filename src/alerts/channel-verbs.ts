import { z } from "zod";
import { type Ctx, requireRole } from "../context/index.js";
import { InputError, NotFoundError } from "../errors/index.js";
import type { SecretBox } from "../probes/index.js";
import { jsonb, newId, writeAudit } from "../store/index.js";
import { channelTarget, parseChannelConfig, quietRuleOf, sealChannelConfig } from "./channel-config.js";
import { CHANNEL_KINDS } from "./channels/kinds.js";
import { loadAlertSettings, sendOne } from "./deliveries.js";
import { messageFor } from "./raise-alert.js";
import type { SendOptions } from "./send-alert.js";
import { type AlertChannelsTable, type AlertDb, alertDb } from "./storage/tables.js";

/** What channel verbs need besides the ctx: the workspace secret box and the send policy (allow-list). */
export interface AlertDeps {
  box: SecretBox | null;
  send?: Pick<SendOptions, "allow" | "resolver" | "timeoutMs">;
}

const Severity = z.enum(["page", "ticket"]);
const Quiet = z
  .object({
    /** A business calendar (CONTRACTS.md §2): outside its hours the held severities wait. */
    calendar: z.record(z.string(), z.unknown()),
    hold: z.array(Severity).default(["ticket"]),
  })
  .nullable();

export const ChannelInput = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(CHANNEL_KINDS),
  /** The kind's settings (URL, signing secret, SMTP): sealed at rest, never shown again. */
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean().default(true),
  /** Route only these severities (null = all). */
  severities: z.array(Severity).min(1).nullable().default(null),
  /** Route only alerts about these vendors (null = all, including alerts without a vendor). */
  vendor_ids: z.array(z.string().min(1)).min(1).nullable().default(null),
  quiet: Quiet.default(null),
});
export type ChannelInput = z.input<typeof ChannelInput>;

export const ChannelPatch = ChannelInput.partial().omit({ kind: true });
export type ChannelPatch = z.input<typeof ChannelPatch>;

export interface ChannelView {
  id: string;
  name: string;
  kind: string;
  target: string;
  enabled: boolean;
  severities: ("page" | "ticket")[] | null;
  vendor_ids: string[] | null;
  quiet: Record<string, unknown> | null;
  /** new (never used) | ok (last delivery succeeded) | failing (last attempt failed: see last_error). */
  status: "new" | "ok" | "failing";
  last_error: string | null;
  last_attempt_at: string | null;
  last_ok_at: string | null;
  created_at: string;
  updated_at: string;
}

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

function view(r: AlertChannelsTable extends infer T ? { [K in keyof T]: unknown } : never): ChannelView {
  return {
    id: r.id as string,
    name: r.name as string,
    kind: r.kind as string,
    target: r.target as string,
    enabled: r.enabled as boolean,
    severities: r.severities as ChannelView["severities"],
    vendor_ids: r.vendor_ids as string[] | null,
    quiet: r.quiet as Record<string, unknown> | null,
    status: r.status as ChannelView["status"],
    last_error: r.last_error as string | null,
    last_attempt_at: iso(r.last_attempt_at as Date | null),
    last_ok_at: iso(r.last_ok_at as Date | null),
    created_at: iso(r.created_at as Date) as string,
    updated_at: iso(r.updated_at as Date) as string,
  };
}

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(issue.path.length ? issue.path.join(".") : "body", issue.message.toLowerCase());
  }
  return parsed.data;
}

function checkQuiet(quiet: z.infer<typeof Quiet>): void {
  if (!quiet) return;
  try {
    quietRuleOf(quiet);
  } catch (err) {
    throw new InputError("quiet.calendar", (err as Error).message);
  }
}

async function requireChannel(db: AlertDb, ws: string, id: string) {
  const row = await db
    .selectFrom("alert_channels")
    .selectAll()
    .where("workspace_id", "=", ws)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("alert channel", id);
  return row;
}

export async function listAlertChannels({ ctx }: { ctx: Ctx; input?: unknown }): Promise<ChannelView[]> {
  const ws = requireRole(ctx, "viewer");
  const rows = await alertDb(ctx.db)
    .selectFrom("alert_channels")
    .selectAll()
    .where("workspace_id", "=", ws)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(view);
}

export async function createAlertChannel(
  { ctx, input }: { ctx: Ctx; input: ChannelInput },
  deps: AlertDeps,
): Promise<ChannelView> {
  const ws = requireRole(ctx, "admin");
  const c = parse(ChannelInput, input);
  const config = parseChannelConfig(c.kind, c.config);
  checkQuiet(c.quiet);
  const id = newId();
  const sealed = sealChannelConfig(deps.box, ws, id, config);
  return alertDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .insertInto("alert_channels")
        .values({
          id,
          workspace_id: ws,
          name: c.name,
          kind: c.kind,
          target: channelTarget(c.kind, config),
          ...sealed,
          enabled: c.enabled,
          severities: jsonb(c.severities),
          vendor_ids: jsonb(c.vendor_ids),
          quiet: jsonb(c.quiet),
          created_by: ctx.caller?.via === "system" ? null : (ctx.caller?.userId ?? null),
          created_at: ctx.now,
          updated_at: ctx.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, ctx, ws, "create", id, { name: c.name, kind: c.kind });
      return view(row);
    });
}

export async function updateAlertChannel(
  { ctx, input }: { ctx: Ctx; input: { id: string; patch: ChannelPatch } },
  deps: AlertDeps,
): Promise<ChannelView> {
  const ws = requireRole(ctx, "admin");
  const patch = parse(ChannelPatch, input.patch);
  if (patch.quiet !== undefined) checkQuiet(patch.quiet);
  return alertDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const current = await requireChannel(trx, ws, input.id);
      const set: Record<string, unknown> = { updated_at: ctx.now };
      if (patch.config !== undefined) {
        const config = parseChannelConfig(current.kind, patch.config);
        Object.assign(set, sealChannelConfig(deps.box, ws, current.id, config), {
          target: channelTarget(current.kind, config),
          // a new config starts over: its first delivery tells whether it works
          status: "new",
          last_error: null,
          // the config a file-imported channel was missing: it may be enabled now
          ...(current.sealed === "" && patch.enabled === undefined ? { enabled: true } : {}),
        });
      }
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.enabled === true && patch.config === undefined && current.sealed === "")
        throw new InputError("enabled", "secret missing: give the channel its config with it");
      if (patch.enabled !== undefined) set.enabled = patch.enabled;
      if (patch.severities !== undefined) set.severities = jsonb(patch.severities);
      if (patch.vendor_ids !== undefined) set.vendor_ids = jsonb(patch.vendor_ids);
      if (patch.quiet !== undefined) set.quiet = jsonb(patch.quiet);
      const row = await trx
        .updateTable("alert_channels")
        .set(set)
        .where("id", "=", current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, ctx, ws, "update", current.id, { fields: Object.keys(patch) });
      return view(row);
    });
}

export async function deleteAlertChannel({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<void> {
  const ws = requireRole(ctx, "admin");
  await alertDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const current = await requireChannel(trx, ws, input.id);
      await trx.deleteFrom("alert_channels").where("id", "=", current.id).execute();
      await audit(trx, ctx, ws, "delete", current.id, { name: current.name });
    });
}

export interface ChannelTestResult {
  ok: boolean;
  /** The platform's answer or the reason it failed (never the URL or secret). */
  detail: string;
  channel: ChannelView;
}

/** "Send test": one test message now, straight to the channel; the outcome is the channel's status. */
export async function testAlertChannel(
  { ctx, input }: { ctx: Ctx; input: { id: string } },
  deps: AlertDeps,
): Promise<ChannelTestResult> {
  const ws = requireRole(ctx, "editor");
  const db = alertDb(ctx.db);
  const channel = await requireChannel(db, ws, input.id);
  const settings = await loadAlertSettings(db, ws);
  const message = messageFor(
    {
      key: `test:${channel.id}`,
      severity: "ticket",
      path: null,
      message: {
        en: {
          title: `Termsight test message for "${channel.name}"`,
          text: "This channel receives Termsight alerts.",
          fields: [],
        },
        zh: {
          title: `Termsight 测试消息:「${channel.name}」`,
          text: "此渠道将接收 Termsight 告警。",
          fields: [],
        },
      },
    },
    "test",
    settings,
    ws,
    ctx.now,
  );
  const outcome = await sendOne(db, ws, channel.id, message, {
    now: ctx.now,
    box: deps.box,
    send: deps.send,
  });
  await audit(db, ctx, ws, "test", channel.id, { ok: outcome.ok });
  return { ...outcome, channel: view(await requireChannel(db, ws, channel.id)) };
}

async function audit(
  db: AlertDb,
  ctx: Ctx,
  ws: string,
  action: string,
  id: string,
  details: Record<string, unknown>,
) {
  await writeAudit(db as never, {
    workspaceId: ws,
    actorId: ctx.caller?.via === "system" ? null : (ctx.caller?.userId ?? null),
    action,
    entity: "alert_channel",
    entityId: id,
    details,
    at: ctx.now,
  });
}

export const AlertSettingsInput = z.object({
  lang: z.enum(["zh", "en"]),
  /** Base URL of the web UI, for links to the evidence page (null = TERMSIGHT_PUBLIC_URL or none). */
  public_url: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
});

export async function getAlertSettings({ ctx }: { ctx: Ctx; input?: unknown }) {
  const ws = requireRole(ctx, "viewer");
  return loadAlertSettings(alertDb(ctx.db), ws);
}

export async function putAlertSettings({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.input<typeof AlertSettingsInput>;
}) {
  const ws = requireRole(ctx, "admin");
  const s = parse(AlertSettingsInput, input);
  return alertDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const values = { lang: s.lang, public_url: s.public_url, updated_at: ctx.now };
      await trx
        .insertInto("alert_settings")
        .values({ workspace_id: ws, ...values })
        .onConflict((oc) => oc.column("workspace_id").doUpdateSet(values))
        .execute();
      await audit(trx, ctx, ws, "update", ws, { settings: s });
      return { lang: s.lang, public_url: s.public_url };
    });
}

export const ProbeAlertPolicyInput = z.object({
  /** How many regions must fail at once before the probe alerts (null = a majority of its regions). */
  min_failing_regions: z.number().int().min(1).max(64).nullable(),
});

export async function putProbeAlertPolicy({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { probeId: string } & z.input<typeof ProbeAlertPolicyInput>;
}) {
  const ws = requireRole(ctx, "editor");
  const p = parse(ProbeAlertPolicyInput, { min_failing_regions: input.min_failing_regions });
  return alertDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const probe = await trx
        .selectFrom("probes")
        .select("id")
        .where("workspace_id", "=", ws)
        .where("id", "=", input.probeId)
        .executeTakeFirst();
      if (!probe) throw new NotFoundError("probe", input.probeId);
      if (p.min_failing_regions === null)
        await trx.deleteFrom("alert_probe_policies").where("probe_id", "=", probe.id).execute();
      else {
        const values = { min_failing_regions: p.min_failing_regions, updated_at: ctx.now };
        await trx
          .insertInto("alert_probe_policies")
          .values({ probe_id: probe.id, workspace_id: ws, ...values })
          .onConflict((oc) => oc.column("probe_id").doUpdateSet(values))
          .execute();
      }
      await writeAudit(trx as never, {
        workspaceId: ws,
        actorId: ctx.caller?.via === "system" ? null : (ctx.caller?.userId ?? null),
        action: "update",
        entity: "probe_alert_policy",
        entityId: probe.id,
        details: p,
        at: ctx.now,
      });
      return { probe_id: probe.id, ...p };
    });
}
