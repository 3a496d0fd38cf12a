import { useState } from "react";
import { errorText, patch, post } from "../api/client";
import type { Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { ErrorNote } from "../shell/notes";

export const KINDS = ["webhook", "slack", "feishu", "dingtalk", "wecom", "email"] as const;
export type Kind = (typeof KINDS)[number];
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
type Day = (typeof DAYS)[number];
type Severity = "page" | "ticket";

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
const FIELDS: Record<Kind, { key: string; label: MessageKey; type?: "password" | "number" | "checkbox" }[]> =
  {
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
function configOf(kind: Kind, values: Record<string, string | boolean>): Record<string, unknown> | null {
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

interface QuietDraft {
  on: boolean;
  timezone: string;
  days: Day[];
  hours: string;
  region: "" | "CN";
  hold: Severity[];
}

/** Reads back a quiet-hours calendar this form wrote (one set of hours on chosen days). */
function quietDraftOf(quiet: Channel["quiet"]): QuietDraft {
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

function quietOf(q: QuietDraft): Channel["quiet"] {
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

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

/** Create or edit a channel: kind's settings (write-only), enabled, routing by severity and vendor, quiet hours. */
export function ChannelForm({
  ws,
  channel,
  vendors,
  onDone,
}: {
  ws: string;
  channel: Channel | null;
  vendors: Vendor[];
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>(channel?.kind ?? "webhook");
  const [name, setName] = useState(channel?.name ?? "");
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [severities, setSeverities] = useState<Severity[]>(channel?.severities ?? []);
  const [vendorIds, setVendorIds] = useState<string[]>(channel?.vendor_ids ?? []);
  const [quiet, setQuiet] = useState<QuietDraft>(quietDraftOf(channel?.quiet ?? null));
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    const config = configOf(kind, values);
    const body = {
      name: name.trim(),
      enabled,
      severities: severities.length ? severities : null,
      vendor_ids: vendorIds.length ? vendorIds : null,
      quiet: quietOf(quiet),
      ...(config ? { config } : {}),
    };
    try {
      if (channel) await patch(`/workspaces/${ws}/alert-channels/${channel.id}`, body);
      else await post(`/workspaces/${ws}/alert-channels`, { ...body, kind, config: config ?? {} });
      onDone(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const id = (k: string) => `ch-${k}`;
  return (
    <form
      className="watch-card channel-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="row">
        <div className="field">
          <label htmlFor={id("kind")}>{t("alerts.kind")}</label>
          <select
            id={id("kind")}
            value={kind}
            disabled={channel !== null}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setValues({});
            }}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`alerts.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("name")}>{t("alerts.name")}</label>
          <input id={id("name")} required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{" "}
          {t("alerts.enabled")}
        </label>
      </div>
      <p className="hint">{t("alerts.secretsNote")}</p>
      <div className="row">
        {FIELDS[kind].map((f) =>
          f.type === "checkbox" ? (
            <label key={f.key} className="check">
              <input
                type="checkbox"
                checked={values[f.key] === true}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.checked }))}
              />{" "}
              {t(f.label)}
            </label>
          ) : (
            <div className="field" key={f.key}>
              <label htmlFor={id(f.key)}>{t(f.label)}</label>
              <input
                id={id(f.key)}
                type={f.type ?? "text"}
                autoComplete="off"
                required={channel === null && !["secret", "user", "pass", "base_url", "port"].includes(f.key)}
                value={String(values[f.key] ?? "")}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
            </div>
          ),
        )}
      </div>
      <fieldset>
        <legend>{t("alerts.routing")}</legend>
        <p className="hint">{t("alerts.severities")}</p>
        {(["page", "ticket"] as const).map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={severities.includes(s)}
              onChange={(e) => setSeverities((l) => toggle(l, s, e.target.checked))}
            />{" "}
            {t(`alerts.severity.${s}` as MessageKey)}
          </label>
        ))}
        <p className="hint">{t("alerts.vendors")}</p>
        {vendors.map((v) => (
          <label key={v.id} className="check">
            <input
              type="checkbox"
              checked={vendorIds.includes(v.id)}
              onChange={(e) => setVendorIds((l) => toggle(l, v.id, e.target.checked))}
            />{" "}
            {v.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("alerts.quiet")}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={quiet.on}
            onChange={(e) => setQuiet((q) => ({ ...q, on: e.target.checked }))}
          />{" "}
          {t("alerts.quietOn")}
        </label>
        <p className="hint">{t("alerts.quietHint")}</p>
        {quiet.on && (
          <>
            <div className="row">
              <div className="field">
                <label htmlFor={id("tz")}>{t("alerts.timezone")}</label>
                <input
                  id={id("tz")}
                  value={quiet.timezone}
                  onChange={(e) => setQuiet((q) => ({ ...q, timezone: e.target.value }))}
                />
              </div>
              <div className="field">
                <label htmlFor={id("hours")}>{t("alerts.hours")}</label>
                <input
                  id={id("hours")}
                  value={quiet.hours}
                  onChange={(e) => setQuiet((q) => ({ ...q, hours: e.target.value }))}
                />
              </div>
              <div className="field">
                <label htmlFor={id("region")}>{t("alerts.region")}</label>
                <select
                  id={id("region")}
                  value={quiet.region}
                  onChange={(e) => setQuiet((q) => ({ ...q, region: e.target.value as "" | "CN" }))}
                >
                  <option value="">{t("alerts.region.none")}</option>
                  <option value="CN">{t("alerts.region.CN")}</option>
                </select>
              </div>
            </div>
            <p className="hint">{t("alerts.days")}</p>
            <div className="row">
              {DAYS.map((d) => (
                <label key={d} className="check">
                  <input
                    type="checkbox"
                    checked={quiet.days.includes(d)}
                    onChange={(e) => setQuiet((q) => ({ ...q, days: toggle(q.days, d, e.target.checked) }))}
                  />{" "}
                  {t(`alerts.day.${d}` as MessageKey)}
                </label>
              ))}
            </div>
            <p className="hint">{t("alerts.hold")}</p>
            {(["page", "ticket"] as const).map((s) => (
              <label key={s} className="check">
                <input
                  type="checkbox"
                  checked={quiet.hold.includes(s)}
                  onChange={(e) => setQuiet((q) => ({ ...q, hold: toggle(q.hold, s, e.target.checked) }))}
                />{" "}
                {t(`alerts.severity.${s}` as MessageKey)}
              </label>
            ))}
          </>
        )}
      </fieldset>
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
        <button type="button" className="ghost" onClick={() => onDone(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
