import { useI18n } from "../i18n/i18n";

/** Grey placeholder bars while a page or its data loads (announced once as "Loading…"). */
export function Skeleton({ lines = 4 }: { lines?: number }) {
  const { t } = useI18n();
  return (
    <div className="skeleton" role="status" aria-busy="true">
      <span className="sr-only">{t("common.loading")}</span>
      <div className="sk-bar sk-title" />
      {Array.from({ length: lines }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div key={i} className="sk-bar" style={{ width: `${90 - i * 12}%` }} />
      ))}
    </div>
  );
}
