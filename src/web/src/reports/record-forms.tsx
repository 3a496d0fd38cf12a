import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { fromLocalInput, toLocalInput } from "./local-time";
import type { Incident, MaintenanceNotice } from "./records-view";

type Submit = (e: FormEvent, body: Record<string, unknown>) => unknown;
const RCA_CONTENTS = ["cause", "impact", "timeline", "prevention"] as const;

function Field({
  label,
  value,
  onChange,
  type = "text",
  required = false,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function Buttons({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="toolbar">
      <button type="submit" className="primary">
        {t("common.save")}
      </button>
      <button type="button" onClick={onCancel}>
        {t("common.cancel")}
      </button>
    </div>
  );
}

/** Create or edit an incident: what happened, when, and the ticket that tracks it. */
export function IncidentForm({
  current,
  tickets,
  onSubmit,
  onCancel,
}: {
  current: Incident | null;
  tickets: { id: string; name: string }[];
  onSubmit: Submit;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ticketId = useId();
  const descId = useId();
  const [title, setTitle] = useState(current?.title ?? "");
  const [severity, setSeverity] = useState(current?.severity ?? "");
  const [started, setStarted] = useState(toLocalInput(current?.started_at));
  const [resolved, setResolved] = useState(toLocalInput(current?.resolved_at));
  const [ticket, setTicket] = useState(current?.ticket_id ?? "");
  const [description, setDescription] = useState(current?.description ?? "");
  return (
    <form
      className="card-form"
      aria-label={t(current ? "records.editIncident" : "records.newIncident")}
      onSubmit={(e) => {
        const body: Record<string, unknown> = {
          title,
          severity: severity.trim() || null,
          started_at: fromLocalInput(started),
          resolved_at: fromLocalInput(resolved),
          description,
        };
        // the ticket link is set on creation (the API keeps it thereafter)
        if (!current) body.ticket_id = ticket || null;
        return onSubmit(e, body);
      }}
    >
      <h3>{t(current ? "records.editIncident" : "records.newIncident")}</h3>
      <div className="row">
        <Field label={t("records.incidentTitle")} value={title} onChange={setTitle} required />
        <Field label={t("records.severity")} value={severity} onChange={setSeverity} />
        <Field
          label={t("records.started")}
          value={started}
          onChange={setStarted}
          type="datetime-local"
          required
        />
        <Field label={t("records.resolved")} value={resolved} onChange={setResolved} type="datetime-local" />
        {!current && (
          <div className="field">
            <label htmlFor={ticketId}>{t("records.ticket")}</label>
            <select id={ticketId} value={ticket} onChange={(e) => setTicket(e.target.value)}>
              <option value="">{t("common.none")}</option>
              {tickets.map((tk) => (
                <option key={tk.id} value={tk.id}>
                  {tk.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor={descId}>{t("records.description")}</label>
        <textarea id={descId} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <Buttons onCancel={onCancel} />
    </form>
  );
}

/** Record that the vendor delivered its RCA report, and which of the required contents it has. */
export function RcaForm({
  incident,
  onSubmit,
  onCancel,
}: {
  incident: Incident;
  onSubmit: Submit;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const summaryId = useId();
  const [received, setReceived] = useState(toLocalInput(new Date().toISOString()));
  const [summary, setSummary] = useState("");
  const [contents, setContents] = useState<string[]>([]);
  return (
    <form
      className="card-form"
      aria-label={`${t("records.rcaReceived")} · ${incident.title}`}
      onSubmit={(e) => onSubmit(e, { received_at: fromLocalInput(received) ?? undefined, summary, contents })}
    >
      <h3>
        {t("records.rcaReceived")} · {incident.title}
      </h3>
      <Field
        label={t("records.receivedAt")}
        value={received}
        onChange={setReceived}
        type="datetime-local"
        required
      />
      <fieldset>
        <legend>{t("records.rcaContents")}</legend>
        {RCA_CONTENTS.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={contents.includes(c)}
              onChange={(e) =>
                setContents((cs) => (e.target.checked ? [...cs, c] : cs.filter((x) => x !== c)))
              }
            />{" "}
            {t(`records.content.${c}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={summaryId}>{t("records.summary")}</label>
        <textarea id={summaryId} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </div>
      <Buttons onCancel={onCancel} />
    </form>
  );
}

/** Create or edit a maintenance notice: when the vendor told us, and the window it announced. */
export function MaintenanceForm({
  current,
  onSubmit,
  onCancel,
}: {
  current: MaintenanceNotice | null;
  onSubmit: Submit;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState(current?.title ?? "");
  const [noticeAt, setNoticeAt] = useState(toLocalInput(current?.notice_at ?? new Date().toISOString()));
  const [start, setStart] = useState(toLocalInput(current?.window_start));
  const [end, setEnd] = useState(toLocalInput(current?.window_end));
  return (
    <form
      className="card-form"
      aria-label={t(current ? "records.editNotice" : "records.newNotice")}
      onSubmit={(e) =>
        onSubmit(e, {
          title,
          notice_at: fromLocalInput(noticeAt) ?? undefined,
          window_start: fromLocalInput(start),
          window_end: fromLocalInput(end),
        })
      }
    >
      <h3>{t(current ? "records.editNotice" : "records.newNotice")}</h3>
      <div className="row">
        <Field label={t("records.noticeTitle")} value={title} onChange={setTitle} required />
        <Field
          label={t("records.noticeAt")}
          value={noticeAt}
          onChange={setNoticeAt}
          type="datetime-local"
          required
        />
        <Field
          label={t("records.windowStart")}
          value={start}
          onChange={setStart}
          type="datetime-local"
          required
        />
        <Field label={t("records.windowEnd")} value={end} onChange={setEnd} type="datetime-local" required />
      </div>
      <Buttons onCancel={onCancel} />
    </form>
  );
}
