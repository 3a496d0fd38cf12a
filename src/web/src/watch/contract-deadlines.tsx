import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorText, get, post } from "../api/client";
import type { ContractRow, Page } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { EmptyState, ErrorNote } from "../shell/notes";
import type { ContractDeadlines } from "./watch-types";

type Unit = "calendar_days" | "business_days";
interface DayCountDraft {
  amount: string;
  unit: Unit;
}

function DayCountField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: MessageKey;
  value: DayCountDraft;
  onChange: (v: DayCountDraft) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t(label)}</legend>
      <div className="row">
        <input
          id={id}
          aria-label={t(label)}
          type="number"
          min={0}
          max={3650}
          style={{ maxWidth: "6rem" }}
          value={value.amount}
          onChange={(e) => onChange({ ...value, amount: e.target.value })}
        />
        <select
          aria-label={`${t(label)}: ${t("watch.unit.calendar_days")} / ${t("watch.unit.business_days")}`}
          value={value.unit}
          onChange={(e) => onChange({ ...value, unit: e.target.value as Unit })}
        >
          <option value="calendar_days">{t("watch.unit.calendar_days")}</option>
          <option value="business_days">{t("watch.unit.business_days")}</option>
        </select>
      </div>
    </fieldset>
  );
}

const dayCount = (d: DayCountDraft) => (d.amount === "" ? null : { amount: Number(d.amount), unit: d.unit });

/** A contract's computed deadlines (term end, non-renewal notice, renewal, price-change notice, data export). */
export function ContractDeadlinesSection({ ws, vendorId }: { ws: string; vendorId: string }) {
  const { t, lang } = useI18n();
  const contracts = useQuery({
    queryKey: ["contracts", ws],
    queryFn: () => get<Page<ContractRow>>(`/workspaces/${ws}/contracts?limit=200`),
  });
  const mine = (contracts.data?.items ?? []).filter((c) => !vendorId || c.vendor_id === vendorId);
  const [contractId, setContractId] = useState("");
  const [renewalMonths, setRenewalMonths] = useState("0");
  const [termStart, setTermStart] = useState("");
  const [termEnd, setTermEnd] = useState("");
  const [notice, setNotice] = useState<DayCountDraft>({ amount: "30", unit: "calendar_days" });
  const [price, setPrice] = useState<DayCountDraft>({ amount: "", unit: "calendar_days" });
  const [exportAfter, setExportAfter] = useState<DayCountDraft>({ amount: "", unit: "calendar_days" });
  const [result, setResult] = useState<ContractDeadlines | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = contractId || mine[0]?.id || "";
  if (contracts.data && mine.length === 0) return <EmptyState>{t("watch.noContracts")}</EmptyState>;
  const compute = async () => {
    setError(null);
    try {
      const months = Number(renewalMonths);
      const n = dayCount(notice);
      setResult(
        await post<ContractDeadlines>(`/workspaces/${ws}/contracts/${chosen}/deadlines`, {
          dates: {
            // empty: the contract's own valid_from / valid_to
            ...(termStart ? { term_start: termStart } : {}),
            ...(termEnd ? { term_end: termEnd } : {}),
            auto_renewal: months > 0 && n ? { renewal_months: months, notice: n } : null,
            price_change_notice: dayCount(price),
            data_export_after_termination: dayCount(exportAfter),
          },
        }),
      );
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section aria-labelledby="watch-deadlines-h">
      <h2 id="watch-deadlines-h">{t("watch.tab.deadlines")}</h2>
      <form
        className="watch-card"
        onSubmit={(e) => {
          e.preventDefault();
          void compute();
        }}
      >
        <div className="row">
          <div className="field">
            <label htmlFor="dl-contract">{t("watch.deadlinesContract")}</label>
            <select id="dl-contract" value={chosen} onChange={(e) => setContractId(e.target.value)}>
              {mine.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dl-start">{t("watch.termStart")}</label>
            <input
              id="dl-start"
              type="date"
              value={termStart}
              onChange={(e) => setTermStart(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="dl-end">{t("watch.termEnd")}</label>
            <input id="dl-end" type="date" value={termEnd} onChange={(e) => setTermEnd(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="dl-renewal">{t("watch.autoRenewal")}</label>
            <input
              id="dl-renewal"
              type="number"
              min={0}
              max={120}
              style={{ maxWidth: "6rem" }}
              value={renewalMonths}
              onChange={(e) => setRenewalMonths(e.target.value)}
            />
          </div>
        </div>
        <div className="row">
          <DayCountField id="dl-notice" label="watch.noticeDays" value={notice} onChange={setNotice} />
          <DayCountField id="dl-price" label="watch.priceNoticeDays" value={price} onChange={setPrice} />
          <DayCountField
            id="dl-export"
            label="watch.exportDays"
            value={exportAfter}
            onChange={setExportAfter}
          />
        </div>
        <button type="submit" className="primary" disabled={!chosen}>
          {t("watch.compute")}
        </button>
      </form>
      <ErrorNote error={error} />
      {result && (
        <>
          <p>{t("watch.term", { start: result.term.start ?? "…", end: result.term.end ?? "…" })}</p>
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th scope="col">{t("watch.deadlineKind")}</th>
                <th scope="col">{t("watch.date")}</th>
                <th scope="col">{t("watch.daysLeft")}</th>
                {lang === "en" && <th scope="col">{t("watch.rule")}</th>}
              </tr>
            </thead>
            <tbody>
              {result.deadlines.map((d) => (
                <tr key={d.kind}>
                  <th scope="row">{t(`watch.deadline.${d.kind}` as MessageKey)}</th>
                  <td data-label={t("watch.date")}>
                    {d.date ?? t("watch.unknown")} {d.unknown_reason && <code>{d.unknown_reason}</code>}
                  </td>
                  <td data-label={t("watch.daysLeft")}>{d.days_left ?? "—"}</td>
                  {lang === "en" && <td data-label={t("watch.rule")}>{d.rule}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
