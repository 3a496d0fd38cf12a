import { useCallback, useEffect, useState } from "react";
import { errorText, get, post } from "../api/client";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { Icon } from "../shell/icons";
import { ErrorNote } from "../shell/notes";
import { MetricClock } from "./sla-clock";
import { pausesOf, type TicketDetail } from "./ticket-types";

const EVENT_TYPES = new Set([
  "created",
  "agent_reply",
  "customer_reply",
  "status",
  "severity_changed",
  "solved",
  "reopened",
  "closed",
]);
const METRICS = ["first_response", "next_response", "resolution"] as const;
const ACTIONS: { label: MessageKey; event: Record<string, string> }[] = [
  { label: "tickets.agentReply", event: { type: "agent_reply" } },
  { label: "tickets.customerReply", event: { type: "customer_reply" } },
  { label: "tickets.pause", event: { type: "status", status: "pending" } },
  { label: "tickets.resume", event: { type: "status", status: "open" } },
  { label: "tickets.solve", event: { type: "solved" } },
];

interface Props {
  ws: string;
  id: string;
  canEdit: boolean;
  now: number;
  onChanged: () => void;
}

/** One ticket: a live clock per SLA metric, the events as a timeline with the pauses marked. */
export function TicketDetailPanel({ ws, id, canEdit, now, onChanged }: Props) {
  const { t, formatDate } = useI18n();
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

  async function add(event: Record<string, string>) {
    if (!detail) return;
    setError(null);
    try {
      await post(`/workspaces/${ws}/tickets/${id}/events`, {
        ...event,
        at: new Date().toISOString(),
        version: detail.version,
      });
      await load();
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  }
  if (!detail) return <ErrorNote error={error} />;
  const pauses = pausesOf(detail.events);
  return (
    <section className="ticket-detail" aria-labelledby="ticket-title">
      <h2 id="ticket-title">
        {detail.subject || detail.id} · {detail.severity} · {detail.status}
      </h2>
      {detail.policy_error && <p className="note warn">{detail.policy_error}</p>}
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
              {e.status ? ` → ${e.status}` : ""}
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
      {canEdit && (
        <div className="row">
          {ACTIONS.map((a) => (
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
