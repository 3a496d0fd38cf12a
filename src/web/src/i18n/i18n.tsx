import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { setProblemTranslator } from "../api/client";
import { en, type MessageKey } from "./messages-en";
import { zh } from "./messages-zh";
import { problemText } from "./problem-text";

export type UiLang = "zh" | "en";
const STORAGE_KEY = "termsight.lang";
const TABLES: Record<UiLang, Record<MessageKey, string>> = { en, zh };

function initialLang(): UiLang {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === "zh" || stored === "en") return stored;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export interface I18n {
  lang: UiLang;
  setLang: (lang: UiLang) => void;
  /** The workspace's default language: used unless the user chose one with the switch. */
  setDefaultLang: (lang: UiLang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A date and time in the user's own time zone. */
  formatDate: (iso: string | Date) => string;
  /** A duration such as "2 h 05 min" / "2 小时 05 分". */
  formatDuration: (ms: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);
  const setLang = useCallback((next: UiLang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const setDefaultLang = useCallback((next: UiLang) => {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored !== "zh" && stored !== "en") setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    setProblemTranslator((err) => problemText(err, TABLES[lang]));
    const locale = lang === "zh" ? "zh-CN" : "en";
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    return {
      lang,
      setLang,
      setDefaultLang,
      t: (key, vars) => {
        let text = TABLES[lang][key] ?? key;
        for (const [k, v] of Object.entries(vars ?? {})) text = text.replaceAll(`{${k}}`, String(v));
        return text;
      },
      formatDate: (at) => dateFormat.format(typeof at === "string" ? new Date(at) : at),
      formatDuration: (ms) => formatDuration(ms, lang),
    };
  }, [lang, setLang, setDefaultLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

/** Whole seconds as d/h/min/s, largest two units. */
export function formatDuration(ms: number, lang: UiLang): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const units: [number, string, string][] = [
    [Math.floor(s / 86_400), "d", "天"],
    [Math.floor((s % 86_400) / 3600), "h", "小时"],
    [Math.floor((s % 3600) / 60), "min", "分"],
    [s % 60, "s", "秒"],
  ];
  const first = units.findIndex(([n]) => n > 0);
  const shown = first === -1 ? [units[3]] : units.slice(first, first + 2);
  return shown.map(([n, e, z]) => (lang === "zh" ? `${n} ${z}` : `${n} ${e}`)).join(" ");
}
