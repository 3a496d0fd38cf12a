import type { z } from "zod";
import { compileCalendar, parseCalendar } from "../clock/index.js";
import { ConflictError, InputError } from "../errors/index.js";
import type { SecretBox } from "../probes/index.js";
import { alertChannels } from "./channels/index.js";
import type { ChannelName } from "./channels/kinds.js";
import type { QuietRule } from "./quiet-hours.js";

/** Associated data of a sealed channel config: it opens only for its own channel row. */
const sealContext = (workspaceId: string, channelId: string) => `${workspaceId}:alert-channel:${channelId}`;

export function requireBox(box: SecretBox | null): SecretBox {
  if (!box)
    throw new ConflictError(
      "alert channels need the workspace secret key: the operator must set TERMSIGHT_SECRET_KEY (required with DATABASE_URL)",
    );
  return box;
}

/** Validates a channel config against its kind's schema; an InputError names the field. */
export function parseChannelConfig(
  kind: ChannelName,
  config: unknown,
  source = "config",
): Record<string, unknown> {
  const schema = alertChannels[kind].configSchema as z.ZodType<Record<string, unknown>>;
  const parsed = schema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.length ? `${source}.${issue.path.join(".")}` : source;
    throw new InputError(at, issue.message.toLowerCase());
  }
  return parsed.data;
}

export function sealChannelConfig(
  box: SecretBox | null,
  workspaceId: string,
  channelId: string,
  config: Record<string, unknown>,
): { sealed: string; key_id: string } {
  const b = requireBox(box);
  return { sealed: b.seal(JSON.stringify(config), sealContext(workspaceId, channelId)), key_id: b.keyId };
}

/** The config, or the reason it cannot be used (shown as the channel's status). */
export function openChannelConfig(
  box: SecretBox | null,
  workspaceId: string,
  channelId: string,
  sealed: string,
): Record<string, unknown> | string {
  // imported from a channels file, which carries no secret (src/alerts/channels-file.ts)
  if (sealed === "") return "secret missing: give the channel its config (URL, signing secret) to enable it";
  if (!box) return "the server has no secret key (TERMSIGHT_SECRET_KEY): channel config cannot be opened";
  const text = box.open(sealed, sealContext(workspaceId, channelId));
  if (text === null)
    return "channel config does not open with the server's secret key (key changed?): save the channel again";
  return JSON.parse(text) as Record<string, unknown>;
}

/** The destination shown in lists: host and path without tokens, or the mail recipients. */
export function channelTarget(kind: ChannelName, config: Record<string, unknown>): string {
  if (kind === "email") {
    const to = (config.to as string[]).join(", ");
    return `${to} via ${String(config.host)}:${String(config.port)}`;
  }
  if (kind === "wecom") return `${new URL(String(config.base_url)).host} (key hidden)`;
  const url = new URL(String(config.url));
  // Slack and Feishu put the token in the path: show the host and the first segment only.
  const first = url.pathname.split("/").filter(Boolean)[0];
  return `${url.protocol}//${url.host}${first ? `/${first}/…` : "/"}`;
}

/** The stored quiet-hours setting: a business calendar (CONTRACTS.md §2) and the held severities. */
export function quietRuleOf(quiet: unknown): QuietRule | null {
  if (!quiet || typeof quiet !== "object") return null;
  const q = quiet as { calendar: unknown; hold?: ("page" | "ticket")[] };
  return {
    calendar: compileCalendar(parseCalendar(q.calendar, "quiet.calendar")),
    hold: q.hold ?? ["ticket"],
  };
}
