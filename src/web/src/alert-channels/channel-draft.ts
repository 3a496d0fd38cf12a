import type { MessageKey } from "../i18n/messages-en.js";

/** What the channel form edits, and how its strings become the API's channel body (pure: tested on its own). */

export const KINDS = ["webhook", "slack", "feishu", "dingtalk", "wecom", "email"] as const;
export type Kind = (typeof KINDS)[number];
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Day = (typeof DAYS)[number];
export type Severity = "page" | "ticket";

export interface Channel {
  id: string;
  name: string;
  kind: Kind;
  target: string;
  enabled: boolean;
  severities: Severity[] | null;
  vendor_ids: string[] | null;
  quiet: { calendar: Record<string, unknown>; hold: Severity[] } | null;
  status: "new" | "ok" | "failing";
  last_error: string | null;
  last_attempt_at: string | null;
  last_ok_at: string | null;
}

/** The config fields each kind asks for (names as the API's config schema has them). */
export const FIELDS: Record<
  Kind,
  { key: string; label: MessageKey; type?: "password" | "number" | "checkbox" }[]
> = {
  webhook: [
    { key: "url", label: "alerts.url" },
    { key: "secret", label: "alerts.secret", type: "password" },
  ],
  slack: [{ key: "url", label: "alerts.url", type: "password" }],
  feishu: [
    { key: "url", label: "alerts.url", type: "password" },
    { key: "secret", label: "alerts.secret", type: "password" },
  ],
  dingtalk: [
    { key: "url", label: "alerts.url", type: "password" },
    { key: "secret", label: "alerts.secret", type: "password" },
  ],
  wecom: [
    { key: "key", label: "alerts.wecomKey", type: "password" },
    { key: "base_url", label: "alerts.baseUrl" },
  ],
  email: [
    { key: "host", label: "alerts.smtpHost" },
    { key: "port", label: "alerts.smtpPort", type: "number" },
    { key: "secure", label: "alerts.smtpSecure", type: "checkbox" },
    { key: "user", label: "alerts.smtpUser" },
    { key: "pass", label: "alerts.smtpPass", type: "password" },
    { key: "from", label: "alerts.from" },
    { key: "to", label: "alerts.to" },
  ],
};

/** The config object the API validates, from the form's strings; null when every field is empty (keep the stored one). */
export function configOf(
  kind: Kind,
  values: Record<string, string | boolean>,
): Record<string, unknown> | null {
  const filled = FIELDS[kind].filter(
    (f) => f.type !== "checkbox" && String(values[f.key] ?? "").trim() !== "",
  );
  if (filled.length === 0) return null;
  const out: Record<string, unknown> = {};
  for (const f of FIELDS[kind]) {
    const v = values[f.key];
    if (f.type === "checkbox") out[f.key] = v === true;
    else if (typeof v === "string" && v.trim() !== "") {
      if (f.key === "to")
        out.to = v
          .split(/[,，;\s]+/)
          .map((s) => s.trim())
          .filter(Boolean);
      else if (f.type === "number") out[f.key] = Number(v);
      else out[f.key] = v.trim();
    }
  }
  return out;
}

export interface QuietDraft {
  on: boolean;
  timezone: string;
  days: Day[];
  hours: string;
  region: "" | "CN";
  hold: Severity[];
}

/** Reads back a quiet-hours calendar this form wrote (one set of hours on chosen days). */
export function quietDraftOf(quiet: Channel["quiet"]): QuietDraft {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  if (!quiet)
    return {
      on: false,
      timezone: tz,
      days: ["mon", "tue", "wed", "thu", "fri"],
      hours: "09:00-18:00",
      region: "",
      hold: ["ticket"],
    };
  const cal = quiet.calendar as { timezone?: string; region?: string; hours?: Record<string, string[]> };
  const days = DAYS.filter((d) => cal.hours?.[d]?.length);
  return {
    on: true,
    timezone: cal.timezone ?? tz,
    days,
    hours: (days[0] && cal.hours?.[days[0]]?.join(", ")) || "09:00-18:00",
    region: cal.region === "CN" ? "CN" : "",
    hold: quiet.hold,
  };
}

export function quietOf(q: QuietDraft): Channel["quiet"] {
  if (!q.on) return null;
  const ranges = q.hours
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const hours: Record<string, string[]> = {};
  for (const d of q.days) hours[d] = ranges;
  return {
    calendar: { timezone: q.timezone.trim(), ...(q.region ? { region: q.region } : {}), hours },
    hold: q.hold,
  };
}

export function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}
