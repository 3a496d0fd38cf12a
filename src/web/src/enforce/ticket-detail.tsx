import { useCallback, useEffect, useState } from "react";
import { TICKET_EVENT_TYPES } from "../../../clock/ticket-event-names";
import { errorText, get, post } from "../api/client";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { go } from "../shell/app";
import { Icon } from "../shell/icons";
import { ErrorNote } from "../shell/notes";
import { MetricClock } from "./sla-clock";
import { pausesOf, type TicketDetail } from "./ticket-types";

const EVENT_TYPES = new Set<string>(TICKET_EVENT_TYPES);
const METRICS = ["first_response", "next_response", "resolution"] as const;
const LIVE = ["open", "pending", "on_hold"];
/** Each action and the ticket statuses it is offered in (the server refuses the lifecycle breaks too). */
const ACTIONS: { label: MessageKey; event: Record<string, string>; in: string[] }[] = [
  { label: "tickets.agentReply", event: { type: "agent_reply" }, in: LIVE },
  { label: "tickets.customerReply", event: { type: "customer_reply" }, in: LIVE },
  { label: "tickets.pause", event: { type: "status", status: "pending" }, in: ["open"] },
  { label: "tickets.resume", event: { type: "status", status: "open" }, in: ["pending", "on_hold"] },
  { label: "tickets.solve", event: { type: "solved" }, in: LIVE },
  { label: "tickets.reopen", event: { type: "reopened" }, in: ["solved"] },
  { label: "tickets.close", event: { type: "closed" }, in: ["solved"] },
];

/** `datetime-local` value for an instant, in the browser's time zone. */
function localInput(d: Date): string {
  const off = d.getTimezoneOffset() * 60_000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}

const STATUSES = ["open", "pending", "on_hold", "solved", "closed"];

interface Props {
  ws: string;
  id: string;
  /** The contract whose SLA policy times this ticket, when it comes from one. */
  contractName?: string | null;
  canEdit: boolean;
  now: number;
  onChanged: () => void;
}

/** One ticket: a live clock per SLA metric, the events as a timeline with the pauses marked. */
export function TicketDetailPanel({ ws, id, contractName, canEdit, now, onChanged }: Props) {
  const { t, formatDate } = useI18n();
  const statusText = (s: string) => (STATUSES.includes(s) ? t(`ticketStatus.${s}` as MessageKey) : s);
  const [detail, setDetail] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setDetail(await get<TicketDetail>(`/workspaces/${ws}/tickets/${id}`));
    } catch (err) {
      setError(errorText(err));
    }
  }, [ws, id]);
  useEffect(() => void load(), [load]);

  const [when, setWhen] = useState("");
  const [note, setNote] = useState("");
  async function add(event: Record<string, string>) {
    if (!detail) return;
    setError(null);
    try {
      await post(`/workspaces/${ws}/tickets/${id}/events`, {
        ...event,
        at: when ? new Date(when).toISOString() : new Date().toISOString(),
        ...(note.trim() ? { body: note.trim() } : {}),
        version: detail.version,
      });
      setNote("");
      setWhen("");
      await load();
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  }
  if (!detail) return <ErrorNote error={error} />;
  const pauses = pausesOf(detail.events);
  // each metric is counted in a business calendar of the policy (24x7 or the vendor's hours)
  const calendars = METRICS.flatMap((m) => {
    const calendar = detail.timeline?.metrics[m]?.calendar;
    return calendar ? [[m, calendar] as const] : [];
  });
  return (
    <section className="ticket-detail" aria-labelledby="ticket-title">
      <h2 id="ticket-title">
        {detail.subject || detail.id} · {detail.severity} · {statusText(detail.status)}
      </h2>
      <p className="hint" data-testid="ticket-policy">
        {t("tickets.timedBy")}:{" "}
        {detail.policy_source === "ticket" ? (
          t("tickets.ownPolicy")
        ) : detail.policy_source === "contract" ? (
          detail.contract_id ? (
            <a
              href={`/contracts?contract=${encodeURIComponent(detail.contract_id)}`}
              onClick={go(`/contracts?contract=${encodeURIComponent(detail.contract_id)}`)}
              title={t("tickets.contractLink")}
            >
              {contractName ?? t("tickets.contract")}
            </a>
          ) : (
            (contractName ?? t("tickets.contract"))
          )
        ) : (
          t("tickets.noPolicy")
        )}
      </p>
      {calendars.length > 0 && (
        <ul className="hint calendars" data-testid="ticket-calendars">
          {calendars.map(([m, calendar]) => (
            <li key={m}>{t("tickets.calendarOf", { metric: t(`sla.${m}`), calendar })}</li>
          ))}
        </ul>
      )}
      {detail.policy_error && (
        // the server's reason is English developer text: the tooltip keeps it for whoever fixes the YAML
        <p className="note warn" title={detail.policy_error}>
          {t("tickets.policyError")}
        </p>
      )}
      <dl className="clocks" data-testid="ticket-sla">
        {METRICS.map((m) =>
          detail.timeline?.metrics[m] ? (
            <div key={m}>
              <dt>{t(`sla.${m}`)}</dt>
              <dd>
                <MetricClock metric={detail.timeline.metrics[m]} now={now} />
                {detail.timeline.metrics[m]?.due && (
                  <span className="hint"> · {formatDate(detail.timeline.metrics[m].due)}</span>
                )}
              </dd>
            </div>
          ) : null,
        )}
      </dl>
      <h3>{t("tickets.timeline")}</h3>
      <ol className="timeline">
        {detail.events.map((e) => {
          const paused = pauses.find((p) => p.from === e.at);
          return (
            <li key={e.id} className={paused ? "pause-start" : undefined}>
              <time dateTime={e.at}>{formatDate(e.at)}</time>{" "}
              <strong>{EVENT_TYPES.has(e.type) ? t(`event.${e.type}` as MessageKey) : e.type}</strong>
              {e.status ? ` → ${statusText(e.status)}` : ""}
              {e.severity ? ` (${e.severity})` : ""}
              {paused && (
                <span className="pause">
                  {" "}
                  <Icon name="pause" /> {t("sla.paused")}
                  {paused.to ? ` → ${formatDate(paused.to)}` : ""}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {canEdit && ACTIONS.some((a) => a.in.includes(detail.status)) && (
        <div className="row ticket-actions">
          <div className="field">
            <label htmlFor="event-at">{t("tickets.actionAt")}</label>
            <input
              id="event-at"
              type="datetime-local"
              value={when}
              max={localInput(new Date())}
              onChange={(e) => setWhen(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="event-note">{t("tickets.note")}</label>
            <input id="event-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </div>
          {ACTIONS.filter((a) => a.in.includes(detail.status)).map((a) => (
            <button key={a.label} type="button" className="small" onClick={() => add(a.event)}>
              {t(a.label)}
            </button>
          ))}
        </div>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
