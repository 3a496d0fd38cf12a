import { useId, useState } from "react";
import { errorText, put } from "../api/client";
import { useI18n } from "../i18n/i18n";
import { ErrorNote } from "../shell/notes";

export interface CreditRecord {
  period: string;
  currency: string | null;
  claim: { on: string; amount: number | null; reference: string } | null;
  received: { on: string; amount: number | null } | null;
}

/** What was recorded for a month: the claim sent and the credit received, in one line. */
export function CreditRecordText({ record }: { record: CreditRecord | undefined }) {
  const { t } = useI18n();
  if (!record?.claim && !record?.received) return <span className="hint">{t("credits.record.none")}</span>;
  const money = (n: number | null) =>
    n == null ? "" : ` · ${n}${record.currency ? ` ${record.currency}` : ""}`;
  return (
    <span>
      {record.claim && (
        <span>
          {t("credits.record.claimed", { on: record.claim.on })}
          {money(record.claim.amount)}
          {record.claim.reference ? ` · ${record.claim.reference}` : ""}
        </span>
      )}
      {record.claim && record.received && <br />}
      {record.received && (
        <span>
          {t("credits.record.received", { on: record.received.on })}
          {money(record.received.amount)}
        </span>
      )}
    </span>
  );
}

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Record the claim sent for a month and the credit received (each saved on its own). */
export function CreditRecordForm({
  ws,
  contractId,
  period,
  record,
  suggestedAmount,
  currency,
  onSaved,
  onClose,
}: {
  ws: string;
  contractId: string;
  period: string;
  record: CreditRecord | undefined;
  suggestedAmount: number | null;
  currency: string | null;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ids = { claimOn: useId(), claimAmount: useId(), ref: useId(), recvOn: useId(), recvAmount: useId() };
  const [claimOn, setClaimOn] = useState(record?.claim?.on ?? today());
  const [claimAmount, setClaimAmount] = useState(String(record?.claim?.amount ?? suggestedAmount ?? ""));
  const [reference, setReference] = useState(record?.claim?.reference ?? "");
  const [recvOn, setRecvOn] = useState(record?.received?.on ?? today());
  const [recvAmount, setRecvAmount] = useState(String(record?.received?.amount ?? ""));
  const [error, setError] = useState<string | null>(null);
  const base = `/workspaces/${ws}/contracts/${contractId}/credit-records/${period}`;

  async function save(side: "claim" | "received") {
    setError(null);
    const amount = Number(side === "claim" ? claimAmount : recvAmount);
    const body =
      side === "claim"
        ? { claimed_on: claimOn, amount, reference, currency }
        : { received_on: recvOn, amount, currency };
    try {
      await put(`${base}/${side}`, body);
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section className="card-form" aria-labelledby={`${ids.claimOn}-h`}>
      <h3 id={`${ids.claimOn}-h`}>{t("credits.record.title", { period })}</h3>
      <ErrorNote error={error} />
      <form
        className="row"
        aria-label={t("credits.record.claimTitle")}
        onSubmit={(e) => {
          e.preventDefault();
          void save("claim");
        }}
      >
        <div className="field">
          <label htmlFor={ids.claimOn}>{t("credits.record.claimOn")}</label>
          <input
            id={ids.claimOn}
            type="date"
            required
            value={claimOn}
            onChange={(e) => setClaimOn(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.claimAmount}>{t("credits.record.claimAmount")}</label>
          <input
            id={ids.claimAmount}
            type="number"
            min={0}
            step="any"
            required
            value={claimAmount}
            onChange={(e) => setClaimAmount(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.ref}>{t("credits.record.reference")}</label>
          <input id={ids.ref} value={reference} onChange={(e) => setReference(e.target.value)} />
        </div>
        <button type="submit" className="primary">
          {t("credits.record.saveClaim")}
        </button>
      </form>
      <form
        className="row"
        aria-label={t("credits.record.receivedTitle")}
        onSubmit={(e) => {
          e.preventDefault();
          void save("received");
        }}
      >
        <div className="field">
          <label htmlFor={ids.recvOn}>{t("credits.record.receivedOn")}</label>
          <input
            id={ids.recvOn}
            type="date"
            required
            value={recvOn}
            onChange={(e) => setRecvOn(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.recvAmount}>{t("credits.record.receivedAmount")}</label>
          <input
            id={ids.recvAmount}
            type="number"
            min={0}
            step="any"
            required
            value={recvAmount}
            onChange={(e) => setRecvAmount(e.target.value)}
          />
        </div>
        <button type="submit" className="primary">
          {t("credits.record.saveReceived")}
        </button>
      </form>
      <div className="toolbar">
        <button type="button" onClick={onClose}>
          {t("common.done")}
        </button>
      </div>
    </section>
  );
}
