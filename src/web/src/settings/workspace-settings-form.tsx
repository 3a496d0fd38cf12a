import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorText, patch } from "../api/client";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { ErrorNote } from "../shell/notes";
import { useToast } from "../shell/toasts";

const LANGUAGES = ["zh-CN", "en"] as const;
const CALENDARS = ["cn_workdays", "weekdays", "always"] as const;

export interface WorkspaceSettingsValue {
  version: number;
  timezone: string;
  language: (typeof LANGUAGES)[number];
  business_calendar: (typeof CALENDARS)[number];
}

/** Zones the browser knows, offered as suggestions; the server decides what is valid. */
function zoneSuggestions(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? [];
}

/** Time zone, default language and default business calendar of the workspace (admins edit). */
export function WorkspaceSettingsForm({
  ws,
  value,
  isAdmin,
}: {
  ws: string;
  value: WorkspaceSettingsValue;
  isAdmin: boolean;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { toast } = useToast();
  const [timezone, setTimezone] = useState(value.timezone);
  const [language, setLanguage] = useState(value.language);
  const [calendar, setCalendar] = useState(value.business_calendar);
  const [zones] = useState(zoneSuggestions);
  const save = useMutation({
    mutationFn: () =>
      patch<WorkspaceSettingsValue>(`/workspaces/${ws}`, {
        timezone,
        language,
        business_calendar: calendar,
        version: value.version,
      }),
    onSuccess: () => {
      toast(t("common.saved"));
      void qc.invalidateQueries({ queryKey: ["workspace", ws] });
      window.dispatchEvent(new Event("termsight:unauthorized")); // re-reads /me: the default language
    },
  });
  return (
    <form
      className="ws-settings"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="field">
        <label htmlFor="ws-timezone">{t("wsSettings.timezone")}</label>
        <input
          id="ws-timezone"
          value={timezone}
          required
          maxLength={64}
          list="ws-timezones"
          autoComplete="off"
          disabled={!isAdmin}
          aria-describedby="ws-timezone-hint"
          onChange={(e) => setTimezone(e.target.value)}
        />
        <datalist id="ws-timezones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <p className="hint" id="ws-timezone-hint">
          {t("wsSettings.timezoneHint")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="ws-language">{t("wsSettings.language")}</label>
        <select
          id="ws-language"
          value={language}
          disabled={!isAdmin}
          aria-describedby="ws-language-hint"
          onChange={(e) => setLanguage(e.target.value as WorkspaceSettingsValue["language"])}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`wsSettings.lang.${l}` as MessageKey)}
            </option>
          ))}
        </select>
        <p className="hint" id="ws-language-hint">
          {t("wsSettings.languageHint")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="ws-calendar">{t("wsSettings.calendar")}</label>
        <select
          id="ws-calendar"
          value={calendar}
          disabled={!isAdmin}
          aria-describedby="ws-calendar-hint"
          onChange={(e) => setCalendar(e.target.value as WorkspaceSettingsValue["business_calendar"])}
        >
          {CALENDARS.map((c) => (
            <option key={c} value={c}>
              {t(`wsSettings.cal.${c}` as MessageKey)}
            </option>
          ))}
        </select>
        <p className="hint" id="ws-calendar-hint">
          {t("wsSettings.calendarHint")}
        </p>
      </div>
      {isAdmin ? (
        <button type="submit" className="primary" disabled={save.isPending}>
          {t("common.save")}
        </button>
      ) : (
        <p className="hint">{t("wsSettings.readOnly")}</p>
      )}
      <ErrorNote error={save.error ? errorText(save.error) : null} />
    </form>
  );
}
