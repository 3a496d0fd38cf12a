import { LineCounter, parseDocument, stringify } from "yaml";
import { z } from "zod";
import { type Ctx, requireRole } from "../context/index.js";
import { InputError, yamlToValue } from "../errors/index.js";
import { jsonb, newId, writeAudit } from "../store/index.js";
import { ChannelInput, type ChannelView, listAlertChannels } from "./channel-verbs.js";
import { CHANNEL_KINDS } from "./channels/kinds.js";
import { alertDb } from "./storage/tables.js";

/** What an imported channel without its secret says until someone gives it its config. */
export const SECRET_MISSING =
  "secret missing: give the channel its config (URL, signing secret) to enable it";

/**
 * One channel in terms as code: kind, name, routing, quiet hours and the destination with its
 * tokens removed (as listed). Secrets (URL tokens, signing secrets, SMTP passwords) are never in it.
 */
const FileChannel = z.strictObject({
  name: ChannelInput.shape.name,
  kind: z.enum(CHANNEL_KINDS),
  /** Informational: host and path without tokens, or the mail recipients. */
  target: z.string().max(500).default(""),
  enabled: z.boolean().default(true),
  severities: ChannelInput.shape.severities,
  vendor_ids: ChannelInput.shape.vendor_ids,
  quiet: ChannelInput.shape.quiet,
});

export const AlertChannelsFile = z.strictObject({
  schema: z.literal("termsight.alert-channels/v1"),
  channels: z.array(FileChannel).max(500),
});
export type AlertChannelsFile = z.infer<typeof AlertChannelsFile>;

/** The workspace's channels as `termsight.alert-channels/v1` YAML, without any secret. */
export async function exportAlertChannelsFile({ ctx }: { ctx: Ctx; input?: unknown }): Promise<string> {
  const channels = await listAlertChannels({ ctx });
  const file: AlertChannelsFile = {
    schema: "termsight.alert-channels/v1",
    channels: channels.map((c) => ({
      name: c.name,
      kind: c.kind as AlertChannelsFile["channels"][number]["kind"],
      target: c.target,
      enabled: c.enabled,
      severities: c.severities,
      vendor_ids: c.vendor_ids,
      quiet: c.quiet as AlertChannelsFile["channels"][number]["quiet"],
    })),
  };
  return stringify(file, { lineWidth: 0 });
}

function loadChannelsFile(text: string, source: string): AlertChannelsFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const first = doc.errors[0];
  if (first)
    throw new InputError(
      source,
      first.message.split("\n")[0].toLowerCase(),
      first.linePos?.[0]?.line ?? null,
    );
  const parsed = AlertChannelsFile.safeParse(yamlToValue((opts) => doc.toJS(opts), source));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const node = issue.path.length ? doc.getIn(issue.path, true) : null;
  const range = (node as { range?: [number, number] } | null)?.range;
  throw new InputError(
    issue.path.length ? `${source}: ${issue.path.join(".")}` : source,
    issue.message.toLowerCase(),
    range ? lineCounter.linePos(range[0]).line : null,
  );
}

/**
 * Applies a channels file (admin), matching channels by name: an existing one takes the file's
 * routing, quiet hours and enabled flag and keeps its sealed config; a new one is created
 * **disabled** with status failing and "secret missing" (the file has no secret), never silently
 * enabled without one. Channels absent from the file are left as they are. One transaction, one
 * audit row.
 */
export async function applyAlertChannelsFile({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { yaml: string };
}): Promise<ChannelView[]> {
  const ws = requireRole(ctx, "admin");
  const file = loadChannelsFile(z.string().max(1_000_000).parse(input.yaml), "alert-channels.yaml");
  const names = new Set<string>();
  for (const [i, c] of file.channels.entries()) {
    if (names.has(c.name))
      throw new InputError(`alert-channels.yaml: channels.${i}.name`, `"${c.name}" appears twice`);
    names.add(c.name);
  }
  let created = 0;
  let updated = 0;
  await alertDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const existing = await trx
        .selectFrom("alert_channels")
        .select(["id", "name", "kind", "sealed"])
        .where("workspace_id", "=", ws)
        .execute();
      for (const c of file.channels) {
        const current = existing.find((e) => e.name === c.name);
        if (current && current.kind !== c.kind)
          throw new InputError(
            `alert-channels.yaml: ${c.name}.kind`,
            `the channel is ${current.kind}, not ${c.kind}`,
          );
        const routing = {
          severities: jsonb(c.severities),
          vendor_ids: jsonb(c.vendor_ids),
          quiet: jsonb(c.quiet),
          updated_at: ctx.now,
        };
        if (current) {
          await trx
            .updateTable("alert_channels")
            // a channel still without its secret stays disabled
            .set({ ...routing, enabled: c.enabled && current.sealed !== "" })
            .where("id", "=", current.id)
            .execute();
          updated++;
        } else {
          await trx
            .insertInto("alert_channels")
            .values({
              id: newId(),
              workspace_id: ws,
              name: c.name,
              kind: c.kind,
              target: c.target,
              sealed: "",
              key_id: "",
              enabled: false,
              status: "failing",
              last_error: SECRET_MISSING,
              ...routing,
              created_by: ctx.caller?.via === "system" ? null : (ctx.caller?.userId ?? null),
              created_at: ctx.now,
            })
            .execute();
          created++;
        }
      }
      await writeAudit(trx as never, {
        workspaceId: ws,
        actorId: ctx.caller?.via === "system" ? null : (ctx.caller?.userId ?? null),
        action: "import",
        entity: "alert_channel",
        entityId: null,
        details: { created, updated },
        at: ctx.now,
      });
    });
  return listAlertChannels({ ctx });
}
