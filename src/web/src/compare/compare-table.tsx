import type { Comparison } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { topicLabel } from "../i18n/topic-labels";
import { Icon } from "../shell/icons";
import { bestInRow } from "./best-value";

/** The best scores' indices; none when every vendor has the same score. */
function bestIndex(scores: number[]): number[] {
  const best = Math.max(...scores);
  const at = scores.flatMap((s, i) => (s === best ? [i] : []));
  return at.length === scores.length ? [] : at;
}

/** One block per topic: the topic score per vendor (best marked) and the commitment values. */
export function CompareTable({ result }: { result: Comparison }) {
  const { t, lang } = useI18n();
  const overallBest = bestIndex(result.vendors.map((v) => v.overall));
  return (
    <div className="table-wrap">
      <table className="compare cards-on-phone" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col">{t("compare.topic")}</th>
            {result.vendors.map((v) => (
              <th key={v.name} scope="col">
                {v.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="overall">
            <th scope="row">{t("compare.overall")}</th>
            {result.vendors.map((v, i) => (
              <td key={v.name} data-label={v.name} className={overallBest.includes(i) ? "best" : undefined}>
                {v.overall}
                {overallBest.includes(i) && (
                  <span className="best-mark">
                    {" "}
                    <Icon name="star" /> {t("compare.best")}
                  </span>
                )}
              </td>
            ))}
          </tr>
          {result.topics.map((tp) => {
            const best = bestIndex(tp.scores);
            return [
              <tr key={tp.topic} className="topic-row">
                <th scope="row">{topicLabel(tp.topic, lang)}</th>
                {tp.scores.map((s, i) => (
                  <td
                    key={result.vendors[i]?.name ?? i}
                    data-label={result.vendors[i]?.name}
                    className={best.includes(i) ? "best" : undefined}
                  >
                    {s}
                    {best.includes(i) && (
                      <span className="best-mark" title={t("compare.best")}>
                        {" "}
                        <Icon name="star" />
                        <span className="sr-only">{t("compare.best")}</span>
                      </span>
                    )}
                  </td>
                ))}
              </tr>,
              ...tp.rows.map((row) => {
                const bestValues = bestInRow(row.key, row.values);
                return (
                  <tr key={`${tp.topic}-${row.key}`} className="value-row">
                    <th scope="row">{row.label}</th>
                    {row.values.map((v, i) => (
                      <td
                        key={result.vendors[i]?.name ?? i}
                        data-label={result.vendors[i]?.name}
                        className={bestValues.includes(i) ? "best" : undefined}
                      >
                        {v ?? t("common.none")}
                        {bestValues.includes(i) && (
                          <span className="best-mark" title={t("compare.best")}>
                            {" "}
                            <Icon name="star" />
                            <span className="sr-only">{t("compare.best")}</span>
                          </span>
                        )}
                      </td>
                    ))}
                  </tr>
                );
              }),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
