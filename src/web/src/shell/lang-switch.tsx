import { useI18n } from "../i18n/i18n";

/** One button that switches between 中文 and English (remembered in localStorage). */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <button
      type="button"
      className="ghost"
      lang={lang === "zh" ? "en" : "zh-CN"}
      title={t("lang.label")}
      onClick={() => setLang(lang === "zh" ? "en" : "zh")}
    >
      {t("lang.switch")}
    </button>
  );
}
