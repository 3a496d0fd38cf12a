import { type FormEvent, useEffect, useState } from "react";
import { errorText, get, put } from "../api/client";
import type { Page, Probe } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { ErrorNote } from "../shell/notes";

interface Settings {
  formula: string;
  timezone: string;
  probe_ids: string[] | null;
  monthly_fee: number | null;
  currency: string | null;
  calendar: Record<string, unknown> | null;
  version: number | null;
}

interface Props {
  ws: string;
  contractId: string;
  canEdit: boolean;
  onSaved: () => void;
}

/** How a contract's availability is measured: the vendor formula, time zone, probes and monthly fee. */
export function AvailabilitySettingsForm({ ws, contractId, canEdit, onSaved }: Props) {
  const { t } = useI18n();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [probes, setProbes] = useState<Probe[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const path = `/workspaces/${ws}/contracts/${contractId}/availability/settings`;

  useEffect(() => {
    setSaved(false);
    Promise.all([get<Settings>(path), get<Page<Probe>>(`/workspaces/${ws}/probes?limit=500`)])
      .then(([s, p]) => {
        setSettings(s);
        setProbes(p.items);
      })
      .catch((err) => setError(errorText(err)));
  }, [ws, path]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!settings) return;
    setError(null);
    setSaved(false);
    try {
      setSettings(await put<Settings>(path, { ...settings, version: settings.version ?? undefined }));
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  }
  if (!settings) return <ErrorNote error={error} />;
  const set = (patch: Partial<Settings>) => setSettings({ ...settings, ...patch });
  const toggleProbe = (id: string) => {
    const current = settings.probe_ids ?? [];
    const next = current.includes(id) ? current.filter((x) => x !== id) : [...current, id];
    set({ probe_ids: next.length ? next : null });
  };
  return (
    <details className="settings">
      <summary>{t("credits.settings")}</summary>
      <form onSubmit={save}>
        <fieldset disabled={!canEdit}>
          <div className="row">
            <div className="field">
              <label htmlFor="av-formula">{t("credits.formula")}</label>
              <input
                id="av-formula"
                value={settings.formula}
                onChange={(e) => set({ formula: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="av-tz">{t("credits.timezone")}</label>
              <input
                id="av-tz"
                value={settings.timezone}
                onChange={(e) => set({ timezone: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="av-fee">{t("credits.fee")}</label>
              <input
                id="av-fee"
                type="number"
                min={0}
                step="any"
                value={settings.monthly_fee ?? ""}
                onChange={(e) => set({ monthly_fee: e.target.value === "" ? null : Number(e.target.value) })}
              />
            </div>
            <div className="field">
              <label htmlFor="av-currency">{t("credits.currency")}</label>
              <input
                id="av-currency"
                size={5}
                value={settings.currency ?? ""}
                onChange={(e) => set({ currency: e.target.value || null })}
              />
            </div>
          </div>
          <fieldset>
            <legend>{t("credits.probes")}</legend>
            {probes.length === 0 && <p className="hint">{t("probes.empty")}</p>}
            {probes.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={settings.probe_ids?.includes(p.id) ?? false}
                  onChange={() => toggleProbe(p.id)}
                />
                {p.name ?? p.id} <span className="hint">{p.url}</span>
              </label>
            ))}
            <p className="hint">{t("credits.probesHint")}</p>
          </fieldset>
          {canEdit && (
            <button type="submit" className="primary">
              {t("common.save")}
            </button>
          )}
        </fieldset>
      </form>
      {saved && <p className="note ok">{t("contracts.saved")}</p>}
      <ErrorNote error={error} />
    </details>
  );
}
