import { type FormEvent, useCallback, useEffect, useState } from "react";
import { ApiError, errorText, get, post } from "../api/client";
import type { Page, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { go, type ViewProps } from "../shell/app";
import { Icon } from "../shell/icons";
import { EmptyState, ErrorNote } from "../shell/notes";
import { navigate } from "../shell/router";
import { SummaryClock, useNow } from "./sla-clock";
import { TicketDetailPanel } from "./ticket-detail";
import type { Ticket } from "./ticket-types";

const FILTERS = ["", "breached", "at_risk", "running"] as const;

function NewTicketForm({
  ws,
  vendors,
  onCreated,
}: {
  ws: string;
  vendors: Vendor[];
  onCreated: (t: Ticket) => void;
}) {
  const { t } = useI18n();
  const [subject, setSubject] = useState("");
  const [severity, setSeverity] = useState("P1");
  const [vendorId, setVendorId] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      onCreated(
        await post<Ticket>(`/workspaces/${ws}/tickets`, { subject, severity, vendor_id: vendorId || null }),
      );
      setSubject("");
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form className="row new-ticket" onSubmit={submit}>
      <div className="field">
        <label htmlFor="ticket-subject">{t("tickets.subject")}</label>
        <input id="ticket-subject" value={subject} required onChange={(e) => setSubject(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="ticket-severity">{t("tickets.severity")}</label>
        <input
          id="ticket-severity"
          value={severity}
          required
          size={4}
          onChange={(e) => setSeverity(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="ticket-vendor">{t("review.vendor")}</label>
        <select id="ticket-vendor" value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
          <option value="">—</option>
          {vendors.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary">
        {t("tickets.create")}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}

/** Tickets with live SLA clocks (ticking every second from the `due` instants) and one ticket's timeline. */
export function TicketsView({ ws, canEdit, params }: ViewProps) {
  const { t, formatDate } = useI18n();
  const now = useNow();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("");
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [vendors, setVendors] = useState<Vendor[]>([]);
  const [missing, setMissing] = useState(false);
  // The open ticket is in the URL (/tickets/:id), so it can be linked and survives a reload.
  const openId = params?.id ?? null;
  const setOpenId = (id: string) => navigate(`/tickets/${encodeURIComponent(id)}`);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const q = filter ? `&sla=${filter}` : "";
      setTickets((await get<Page<Ticket>>(`/workspaces/${ws}/tickets?limit=200${q}`)).items);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404 && err.detail.startsWith("no route"))
        setMissing(true);
      else setError(errorText(err));
    }
  }, [ws, filter]);
  useEffect(() => {
    void refresh();
    // The clocks tick every second client-side (at risk from `at_75`, breached from `due`);
    // pauses and replies made elsewhere are re-read each minute.
    const id = setInterval(() => void refresh(), 60_000);
    return () => clearInterval(id);
  }, [refresh]);
  useEffect(() => {
    get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=500`)
      .then((p) => setVendors(p.items))
      .catch(() => undefined);
  }, [ws]);

  if (missing)
    return (
      <EmptyState>
        {t("common.notAvailable", { what: t("nav.tickets"), route: "GET /workspaces/:ws/tickets" })}
      </EmptyState>
    );
  return (
    <div className="tickets-view">
      <h1>{t("tickets.title")}</h1>
      {canEdit && (
        <p>
          <a href="/tickets/import" onClick={go("/tickets/import")}>
            <Icon name="upload" /> {t("import.link")}
          </a>
        </p>
      )}
      {canEdit && (
        <NewTicketForm
          ws={ws}
          vendors={vendors}
          onCreated={(tk) => {
            void refresh();
            setOpenId(tk.id);
          }}
        />
      )}
      <div className="field inline">
        <label htmlFor="ticket-filter">{t("sla.filter")}</label>
        <select
          id="ticket-filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value as (typeof FILTERS)[number])}
        >
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`sla.filter.${f || "all"}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorNote error={error} />
      {tickets && tickets.length === 0 && <EmptyState>{t("tickets.empty")}</EmptyState>}
      {tickets && tickets.length > 0 && (
        <div className="table-wrap">
          <table className="tickets">
            <thead>
              <tr>
                <th scope="col">{t("tickets.subject")}</th>
                <th scope="col">{t("tickets.severity")}</th>
                <th scope="col">{t("tickets.opened")}</th>
                <th scope="col">SLA</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((tk) => (
                <tr key={tk.id} aria-selected={openId === tk.id}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => setOpenId(tk.id)}>
                      {tk.subject || tk.external_id || tk.id}
                    </button>
                  </th>
                  <td>{tk.severity}</td>
                  <td>{formatDate(tk.opened_at)}</td>
                  <td data-testid="ticket-clock">
                    {tk.policy_error ? (
                      <span className="hint">{tk.policy_error}</span>
                    ) : (
                      <SummaryClock sla={tk.sla} now={now} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {openId && <TicketDetailPanel ws={ws} id={openId} canEdit={canEdit} now={now} onChanged={refresh} />}
    </div>
  );
}
