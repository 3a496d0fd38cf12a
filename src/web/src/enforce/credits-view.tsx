import { useEffect, useState } from "react";
import { errorText, get } from "../api/client";
import type { ContractRow, Page } from "../api/types";
import { type I18n, useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { type CreditRecord, CreditRecordForm, CreditRecordText } from "../reports/credit-record";
import type { ViewProps } from "../shell/app";
import { EmptyState, ErrorNote } from "../shell/notes";
import { useToast } from "../shell/toasts";
import { AvailabilitySettingsForm } from "./availability-settings";

interface MonthFigures {
  period: string;
  report: {
    measured_percent: number | null;
    target_percent: number | null;
    down_minutes: number;
    flags: string[];
  } | null;
  credit: {
    owed: boolean;
    credit_percent: number;
    amount: { amount: number; currency: string } | null;
    flags?: string[];
  } | null;
  claim_window: { deadline: string | null; days_left: number | null; unknown?: string | null } | null;
  /** Whether the API offers a claim letter, and why not (in both languages). */
  letter?: { offered: boolean; reason: string | null; message: { en: string; zh: string } | null };
  error?: string;
}

/** The last `n` months as YYYY-MM, newest first, in the user's time zone. */
export function recentMonths(now: Date, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    out.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`);
  }
  return out;
}

// every flag src/availability and src/report set (compute-availability.ts lists them)
const FLAGS = new Set([
  "no_data",
  "no_tiers",
  "vendor_records_prevail",
  "late_maintenance_notice",
  "partial",
  "not_started",
  "minutes_without_data",
  "slots_below_min_requests",
  "short_runs_ignored",
  "cap_applied",
  "voucher_only",
]);

/** The report's and the credit's flags, in words where we have them. */
function notes(m: MonthFigures, t: I18n["t"]): string {
  const flags = [...new Set([...(m.report?.flags ?? []), ...(m.credit?.flags ?? [])])];
  return flags
    .map((f) => (FLAGS.has(f) ? t(`credits.flag.${f}` as MessageKey) : f.replaceAll("_", " ")))
    .join("; ");
}

/** Credits owed per month for a contract, and the claim letter of a month. */
export function CreditsView({ ws, canEdit }: ViewProps) {
  const { t, lang } = useI18n();
  const [contracts, setContracts] = useState<ContractRow[] | null>(null);
  const [contractId, setContractId] = useState("");
  const [months, setMonths] = useState<MonthFigures[]>([]);
  const [letter, setLetter] = useState<{ period: string; html: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [records, setRecords] = useState<CreditRecord[]>([]);
  const [recording, setRecording] = useState<string | null>(null);
  const toast = useToast();

  useEffect(() => {
    get<Page<ContractRow>>(`/workspaces/${ws}/contracts?limit=200`)
      .then((p) => {
        setContracts(p.items);
        setContractId(p.items[0]?.id ?? "");
      })
      .catch((err) => setError(errorText(err)));
  }, [ws]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation re-reads the months after the settings change
  useEffect(() => {
    if (!contractId) return;
    setLetter(null);
    Promise.all(
      recentMonths(new Date(), 6).map((period) =>
        get<Omit<MonthFigures, "period">>(
          `/workspaces/${ws}/contracts/${contractId}/availability?period=${period}`,
        )
          .then((f) => ({ period, ...f }))
          .catch((err) => ({
            period,
            report: null,
            credit: null,
            claim_window: null,
            error: errorText(err),
          })),
      ),
    ).then(setMonths);
  }, [ws, contractId, generation]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation re-reads the records after one is saved
  useEffect(() => {
    if (!contractId) return;
    setRecording(null);
    get<{ items: CreditRecord[] }>(`/workspaces/${ws}/contracts/${contractId}/credit-records`)
      .then((r) => setRecords(r.items))
      .catch((err) => setError(errorText(err)));
  }, [ws, contractId, generation]);

  async function showLetter(period: string) {
    try {
      const html = await get<string>(
        `/workspaces/${ws}/contracts/${contractId}/claim?period=${period}&lang=${lang}&format=html`,
      );
      setLetter({ period, html });
    } catch (err) {
      setError(errorText(err));
    }
  }

  if (contracts && contracts.length === 0)
    return (
      <div>
        <h1>{t("credits.title")}</h1>
        <EmptyState>{t("credits.empty")}</EmptyState>
      </div>
    );
  return (
    <div className="credits-view">
      <h1>{t("credits.title")}</h1>
      <div className="field inline">
        <label htmlFor="credit-contract">{t("tickets.contract")}</label>
        <select id="credit-contract" value={contractId} onChange={(e) => setContractId(e.target.value)}>
          {contracts?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {contractId && (
        <AvailabilitySettingsForm
          ws={ws}
          contractId={contractId}
          canEdit={canEdit}
          onSaved={() => setGeneration((g) => g + 1)}
        />
      )}
      <ErrorNote error={error} />
      <div className="table-wrap">
        <table className="cards-on-phone" data-testid="credits-table">
          <thead>
            <tr>
              <th scope="col">{t("credits.period")}</th>
              <th scope="col">{t("credits.measured")}</th>
              <th scope="col">{t("credits.committed")}</th>
              <th scope="col">{t("credits.down")}</th>
              <th scope="col">{t("credits.owed")}</th>
              <th scope="col">{t("credits.notes")}</th>
              <th scope="col">{t("credits.letter")}</th>
              <th scope="col">{t("credits.record.column")}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.period}>
                <th scope="row">{m.period}</th>
                <td data-label={t("credits.measured")}>
                  {m.error ??
                    (m.report?.measured_percent != null
                      ? `${Number(m.report.measured_percent.toFixed(4))}%`
                      : t("common.none"))}
                </td>
                <td data-label={t("credits.committed")}>
                  {m.report?.target_percent != null ? `${m.report.target_percent}%` : t("common.none")}
                </td>
                <td data-label={t("credits.down")}>{m.report ? m.report.down_minutes : t("common.none")}</td>
                <td data-label={t("credits.owed")} className={m.credit?.owed ? "owed" : undefined}>
                  {m.credit?.owed
                    ? `${m.credit.credit_percent}%${m.credit.amount ? ` (${m.credit.amount.amount} ${m.credit.amount.currency})` : ""}`
                    : t("common.none")}
                  {m.claim_window?.deadline && m.credit?.owed ? ` · ≤ ${m.claim_window.deadline}` : ""}
                  {!m.claim_window?.deadline && m.claim_window?.unknown && m.credit?.owed
                    ? ` · ≤ ? (${m.claim_window.unknown})`
                    : ""}
                </td>
                <td data-label={t("credits.notes")} className="hint">
                  {notes(m, t)}
                </td>
                <td data-label={t("credits.letter")}>
                  {m.letter && !m.letter.offered ? (
                    <span className="hint">
                      {m.letter.message?.[lang === "zh" ? "zh" : "en"] ?? m.letter.reason}
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="small"
                      onClick={() => showLetter(m.period)}
                      disabled={!!m.error}
                    >
                      {t("credits.letter")}
                    </button>
                  )}
                </td>
                <td data-label={t("credits.record.column")}>
                  <CreditRecordText record={records.find((r) => r.period === m.period)} />
                  {canEdit && (
                    <button
                      type="button"
                      className="small"
                      aria-label={`${t("credits.record.edit")} ${m.period}`}
                      onClick={() => setRecording(m.period)}
                    >
                      {t("credits.record.edit")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {recording && (
        <CreditRecordForm
          key={`${contractId}-${recording}`}
          ws={ws}
          contractId={contractId}
          period={recording}
          record={records.find((r) => r.period === recording)}
          suggestedAmount={months.find((m) => m.period === recording)?.credit?.amount?.amount ?? null}
          currency={months.find((m) => m.period === recording)?.credit?.amount?.currency ?? null}
          onSaved={() => {
            toast.toast(t("credits.record.saved"), "ok");
            setGeneration((g) => g + 1);
          }}
          onClose={() => setRecording(null)}
        />
      )}
      {letter && (
        <section aria-label={`${t("credits.letter")} ${letter.period}`}>
          <h2>
            {t("credits.letter")} · {letter.period}
          </h2>
          <iframe className="letter" title={t("credits.letter")} sandbox="" srcDoc={letter.html} />
        </section>
      )}
    </div>
  );
}
