import { SCENARIOS, type ScenarioId } from "../api/types";
import { useI18n } from "../i18n/i18n";

export function ScenarioSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: ScenarioId;
  onChange: (s: ScenarioId) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="field inline">
      <label htmlFor={id}>{t("scenario.label")}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as ScenarioId)}>
        {SCENARIOS.map((s) => (
          <option key={s} value={s}>
            {t(`scenario.${s}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
