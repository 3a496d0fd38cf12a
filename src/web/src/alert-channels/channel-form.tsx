import { useState } from "react";
import { errorText, patch, post } from "../api/client";
import type { Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { ErrorNote } from "../shell/notes";
import {
  type Channel,
  configOf,
  DAYS,
  FIELDS,
  KINDS,
  type Kind,
  type QuietDraft,
  quietDraftOf,
  quietOf,
  type Severity,
  toggle,
} from "./channel-draft";

export type { Channel } from "./channel-draft";

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
