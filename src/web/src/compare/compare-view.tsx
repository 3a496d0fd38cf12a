import { type FormEvent, useEffect, useMemo, useState } from "react";
import { errorText, get, post } from "../api/client";
import type { Comparison, DocumentRow, Page, ScenarioId, Vendor } from "../api/types";
import { Chart } from "../charts/chart";
import { useI18n } from "../i18n/i18n";
import { topicLabel } from "../i18n/topic-labels";
import { CopyButton } from "../review/copy-button";
import { ScenarioSelect } from "../review/scenario-select";
import type { ViewProps } from "../shell/app";
import { EmptyState, ErrorNote } from "../shell/notes";
import { CompareTable } from "./compare-table";

/** Vendors side by side per topic, a radar of topic scores for the scenario, and the memo per vendor. */
export function CompareView({ ws }: ViewProps) {
  const { t, lang } = useI18n();
  const [docs, setDocs] = useState<DocumentRow[] | null>(null);
  const [vendors, setVendors] = useState<Map<string, string>>(new Map());
  const [picked, setPicked] = useState<string[]>([]);
  const [scenario, setScenario] = useState<ScenarioId>("general");
  const [result, setResult] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([
      get<Page<DocumentRow>>(`/workspaces/${ws}/documents?limit=200`),
      get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=500`),
    ])
      .then(([d, v]) => {
        setDocs(d.items);
        setVendors(new Map(v.items.map((x) => [x.id, x.name])));
      })
      .catch((err) => setError(errorText(err)));
  }, [ws]);

  async function run(e?: FormEvent) {
    e?.preventDefault();
    setError(null);
    try {
      setResult(
        await post<Comparison>(`/workspaces/${ws}/compare`, { document_ids: picked, scenario, lang }),
      );
    } catch (err) {
      setError(errorText(err));
    }
  }
  // Re-run when the scenario or language changes after a first comparison.
  // biome-ignore lint/correctness/useExhaustiveDependencies: run reads the current selection
  useEffect(() => {
    if (result) void run();
  }, [scenario, lang]);

  const radar = useMemo(() => {
    if (!result) return null;
    return {
      legend: { data: result.vendors.map((v) => v.name), bottom: 0 },
      radar: {
        indicator: result.topics.map((tp) => ({ name: topicLabel(tp.topic, lang), max: 100 })),
        radius: "62%",
      },
      series: [
        {
          type: "radar",
          data: result.vendors.map((v, i) => ({
            name: v.name,
            value: result.topics.map((tp) => tp.scores[i]),
          })),
        },
      ],
    };
  }, [result, lang]);

  if (docs && docs.length < 2)
    return (
      <div>
        <h1>{t("compare.title")}</h1>
        <EmptyState>{t("compare.empty")}</EmptyState>
      </div>
    );
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <div className="compare-view">
      <h1>{t("compare.title")}</h1>
      <form onSubmit={run} className="toolbar">
        <fieldset>
          <legend>{t("compare.pick")}</legend>
          {docs?.map((d) => (
            <label key={d.id} className="check">
              <input type="checkbox" checked={picked.includes(d.id)} onChange={() => toggle(d.id)} />
              {d.vendor_id && vendors.get(d.vendor_id) ? `${vendors.get(d.vendor_id)} — ${d.name}` : d.name}
            </label>
          ))}
        </fieldset>
        <ScenarioSelect id="compare-scenario" value={scenario} onChange={setScenario} />
        <button type="submit" className="primary" disabled={picked.length < 2}>
          {t("compare.run")}
        </button>
      </form>
      <ErrorNote error={error} />
      {result && (
        <>
          <p className="note info">
            {result.winner ? t("compare.winner", { name: result.winner }) : t("compare.tie")}
          </p>
          <CompareTable result={result} />
          <section aria-labelledby="radar-title">
            <h2 id="radar-title">{t("compare.radar")}</h2>
            {radar && <Chart option={radar} label={t("compare.radar")} height={380} />}
          </section>
          <section aria-labelledby="memo-title">
            <h2 id="memo-title">{t("compare.memo")}</h2>
            <div className="memos">
              {result.memos.map((m) => (
                <article key={m.vendor} className="memo">
                  <h3>{m.vendor}</h3>
                  <ol>
                    {m.items.map((it) => (
                      <li key={it.id}>
                        <strong>{it.title}</strong>{" "}
                        <span className={`sev sev-${it.severity}`}>
                          {t(`severity.${it.severity as "high" | "medium"}`)}
                        </span>
                        <p>{it.ask}</p>
                        <blockquote>{it.suggested_clause}</blockquote>
                        <CopyButton text={it.suggested_clause} label={t("review.copyClause")} />
                      </li>
                    ))}
                  </ol>
                </article>
              ))}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
