import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorText, get, post } from "../api/client";
import type { ContractRow, Page, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import type { ViewProps } from "../shell/app";
import { EmptyState, ErrorNote } from "../shell/notes";
import { useToast } from "../shell/toasts";
import { defaultChoice, PERIOD_KINDS, type PeriodChoice, periodLabel } from "./report-period";

interface StoredReport {
  id: string;
  subject: string;
  period: string;
  lang: string;
  schedule: "monthly" | "quarterly" | null;
  created_at: string;
  title: string;
}

const FORMATS = ["html", "pdf", "csv"] as const;

/** `vendor:ID` / `contract:ID` → the query parameter the report API takes. */
function subjectQuery(subject: string): string {
  const [kind, id] = subject.split(":", 2);
  return `${kind === "contract" ? "contract" : "vendor"}=${encodeURIComponent(id ?? "")}`;
}

/** Pick a vendor or contract and a period; preview the report, download it, keep it; the stored reports. */
export function ReportsView({ ws, canEdit }: ViewProps) {
  const { t, lang, formatDate } = useI18n();
  const toast = useToast();
  const queryClient = useQueryClient();
  const vendors = useQuery({
    queryKey: ["vendors", ws],
    queryFn: () => get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=200`),
  });
  const contracts = useQuery({
    queryKey: ["contracts", ws],
    queryFn: () => get<Page<ContractRow>>(`/workspaces/${ws}/contracts?limit=200`),
  });
  const stored = useQuery({
    queryKey: ["reports", ws],
    queryFn: () => get<StoredReport[]>(`/workspaces/${ws}/reports`),
  });
  const [picked, setPicked] = useState("");
  const [choice, setChoice] = useState<PeriodChoice>(() => defaultChoice(new Date()));
  const [preview, setPreview] = useState<{ title: string; html: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const vendorList = vendors.data?.items ?? [];
  const contractList = contracts.data?.items ?? [];
  const subject = picked || (vendorList[0] ? `vendor:${vendorList[0].id}` : "");
  const period = periodLabel(choice);
  const query = subject && period ? `${subjectQuery(subject)}&period=${encodeURIComponent(period)}` : null;
  const buildUrl = (format: string) =>
    `/api/v1/workspaces/${ws}/reports/build?${query}&format=${format}&lang=${lang}`;
  const set = (patch: Partial<PeriodChoice>) => setChoice((c) => ({ ...c, ...patch }));

  async function showPreview() {
    if (!query) return;
    setBusy(true);
    setError(null);
    try {
      const html = await get<string>(`/workspaces/${ws}/reports/build?${query}&format=html&lang=${lang}`);
      setPreview({ title: `${subjectName(subject)} · ${period}`, html });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function keep() {
    if (!subject || !period) return;
    setBusy(true);
    setError(null);
    const [kind, id] = subject.split(":", 2);
    try {
      await post(`/workspaces/${ws}/reports`, {
        [kind === "contract" ? "contract" : "vendor"]: id,
        period,
        lang,
      });
      toast.toast(t("reports.kept"), "ok");
      await queryClient.invalidateQueries({ queryKey: ["reports", ws] });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function subjectName(s: string): string {
    const [kind, id] = s.split(":", 2);
    const list: { id: string; name: string }[] = kind === "contract" ? contractList : vendorList;
    return list.find((x) => x.id === id)?.name ?? s;
  }

  const noSubjects =
    vendors.isSuccess && contracts.isSuccess && vendorList.length + contractList.length === 0;
  return (
    <div className="reports-view" aria-busy={vendors.isPending || stored.isPending}>
      <h1>{t("reports.title")}</h1>
      <p className="hint">{t("reports.intro")}</p>
      {noSubjects ? (
        <EmptyState>{t("reports.noSubjects")}</EmptyState>
      ) : (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void showPreview();
          }}
        >
          <div className="field">
            <label htmlFor="report-subject">{t("reports.subject")}</label>
            <select id="report-subject" value={subject} onChange={(e) => setPicked(e.target.value)}>
              <optgroup label={t("reports.vendors")}>
                {vendorList.map((v) => (
                  <option key={v.id} value={`vendor:${v.id}`}>
                    {v.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("nav.contracts")}>
                {contractList.map((c) => (
                  <option key={c.id} value={`contract:${c.id}`}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <div className="field">
            <label htmlFor="report-kind">{t("reports.periodKind")}</label>
            <select
              id="report-kind"
              value={choice.kind}
              onChange={(e) => {
                const kind = e.target.value as PeriodChoice["kind"];
                set({ kind, part: kind === "half" ? Math.min(choice.part, 2) : choice.part });
              }}
            >
              {PERIOD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`reports.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          {choice.kind === "month" && (
            <div className="field">
              <label htmlFor="report-month">{t("reports.month")}</label>
              <input
                id="report-month"
                type="month"
                value={choice.month}
                onChange={(e) => set({ month: e.target.value })}
              />
            </div>
          )}
          {(choice.kind === "quarter" || choice.kind === "half" || choice.kind === "year") && (
            <div className="field">
              <label htmlFor="report-year">{t("reports.year")}</label>
              <input
                id="report-year"
                type="number"
                min={1970}
                max={9999}
                value={Number.isNaN(choice.year) ? "" : choice.year}
                onChange={(e) => set({ year: e.target.valueAsNumber })}
              />
            </div>
          )}
          {(choice.kind === "quarter" || choice.kind === "half") && (
            <div className="field">
              <label htmlFor="report-part">
                {t(choice.kind === "quarter" ? "reports.quarter" : "reports.half")}
              </label>
              <select
                id="report-part"
                value={choice.part}
                onChange={(e) => set({ part: Number(e.target.value) })}
              >
                {(choice.kind === "quarter" ? [1, 2, 3, 4] : [1, 2]).map((n) => (
                  <option key={n} value={n}>
                    {t(choice.kind === "quarter" ? "reports.quarterN" : "reports.halfN", { n })}
                  </option>
                ))}
              </select>
            </div>
          )}
          {choice.kind === "range" && (
            <>
              <div className="field">
                <label htmlFor="report-from">{t("reports.from")}</label>
                <input
                  id="report-from"
                  type="date"
                  value={choice.from}
                  onChange={(e) => set({ from: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor="report-to">{t("reports.to")}</label>
                <input
                  id="report-to"
                  type="date"
                  value={choice.to}
                  onChange={(e) => set({ to: e.target.value })}
                />
              </div>
            </>
          )}
          <div className="toolbar">
            <button type="submit" className="primary" disabled={!query || busy}>
              {t("reports.preview")}
            </button>
            {FORMATS.map((f) =>
              query ? (
                <a key={f} className="button" href={buildUrl(f)} download>
                  {t("reports.download", { format: f.toUpperCase() })}
                </a>
              ) : null,
            )}
            {canEdit && (
              <button type="button" onClick={() => void keep()} disabled={!query || busy}>
                {t("reports.keep")}
              </button>
            )}
          </div>
        </form>
      )}
      {!period && <p className="hint">{t("reports.periodIncomplete")}</p>}
      <ErrorNote error={error} />
      {preview && (
        <section aria-labelledby="report-preview">
          <h2 id="report-preview">
            {t("reports.previewOf")} · {preview.title}
          </h2>
          <iframe className="letter" title={t("reports.previewOf")} sandbox="" srcDoc={preview.html} />
        </section>
      )}
      <section aria-labelledby="report-stored">
        <h2 id="report-stored">{t("reports.stored")}</h2>
        <ErrorNote error={stored.error ? errorText(stored.error) : null} />
        {stored.data && stored.data.length === 0 ? (
          <EmptyState>{t("reports.noneStored")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="cards-on-phone" data-testid="stored-reports">
              <thead>
                <tr>
                  <th scope="col">{t("reports.subject")}</th>
                  <th scope="col">{t("reports.period")}</th>
                  <th scope="col">{t("reports.lang")}</th>
                  <th scope="col">{t("reports.madeBy")}</th>
                  <th scope="col">{t("reports.created")}</th>
                  <th scope="col">{t("reports.files")}</th>
                </tr>
              </thead>
              <tbody>
                {stored.data?.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.title}</th>
                    <td data-label={t("reports.period")}>{r.period}</td>
                    <td data-label={t("reports.lang")}>{r.lang === "zh" ? "中文" : "English"}</td>
                    <td data-label={t("reports.madeBy")}>
                      {t(
                        r.schedule
                          ? (`reports.schedule.${r.schedule}` as MessageKey)
                          : "reports.schedule.manual",
                      )}
                    </td>
                    <td data-label={t("reports.created")}>{formatDate(r.created_at)}</td>
                    <td data-label={t("reports.files")}>
                      <span className="row">
                        {FORMATS.map((f) => (
                          <a
                            key={f}
                            href={`/api/v1/workspaces/${ws}/reports/${r.id}?format=${f}${f === "html" ? "" : `&lang=${r.lang}`}`}
                            download
                            aria-label={`${r.title} ${r.period} ${f.toUpperCase()}`}
                          >
                            {f.toUpperCase()}
                          </a>
                        ))}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
