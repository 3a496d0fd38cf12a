import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorText, get, patch, post } from "../api/client";
import type { Page, Vendor } from "../api/types";
import type { Ticket } from "../enforce/ticket-types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { go, NotFound, type ViewProps } from "../shell/app";
import { EmptyState, ErrorNote } from "../shell/notes";
import { Skeleton } from "../shell/skeleton";
import { useToast } from "../shell/toasts";
import { IncidentForm, MaintenanceForm, RcaForm } from "./record-forms";

export interface Incident {
  id: string;
  vendor_id: string | null;
  ticket_id: string | null;
  title: string;
  severity: string | null;
  description: string;
  started_at: string;
  resolved_at: string | null;
  version: number;
  rca: {
    committed_hours: number | null;
    verdict: "on_time" | "late" | "missing" | "pending" | "not_committed";
    due_at: string | null;
    hours_late: number;
    received_at: string | null;
    reports: {
      id: string;
      received_at: string;
      summary: string;
      contents: string[];
      missing_contents: string[];
    }[];
  };
}

export interface MaintenanceNotice {
  id: string;
  vendor_id: string | null;
  title: string;
  notice_at: string;
  window_start: string;
  window_end: string;
  notice_hours_given: number;
  notice_hours_committed: number | null;
  late: boolean | null;
  version?: number;
}

type Editing =
  | { kind: "incident"; incident: Incident | null }
  | { kind: "rca"; incident: Incident }
  | { kind: "notice"; notice: MaintenanceNotice | null }
  | null;

/** A vendor's incidents (with their RCA reports) and maintenance notices, each judged against the terms. */
export function RecordsView({ ws, params, canEdit }: ViewProps) {
  const { t, formatDate, formatDuration } = useI18n();
  const toast = useToast();
  const queryClient = useQueryClient();
  const id = params?.id ?? "";
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const vendor = useQuery({
    queryKey: ["vendor", ws, id],
    queryFn: () => get<Vendor>(`/workspaces/${ws}/vendors/${id}`),
  });
  const incidents = useQuery({
    queryKey: ["incidents", ws, id],
    queryFn: () => get<Page<Incident>>(`/workspaces/${ws}/incidents?vendor_id=${id}&limit=500`),
  });
  const notices = useQuery({
    queryKey: ["maintenance", ws, id],
    queryFn: () =>
      get<Page<MaintenanceNotice>>(`/workspaces/${ws}/maintenance-notices?vendor_id=${id}&limit=500`),
  });
  const tickets = useQuery({
    queryKey: ["tickets", ws, "", "", id],
    queryFn: () => get<Page<Ticket>>(`/workspaces/${ws}/tickets?vendor_id=${id}&limit=500`),
  });
  if (vendor.isPending) return <Skeleton />;
  if (vendor.error) return <NotFound />;
  const ticketList = tickets.data?.items ?? [];
  const ticketName = (tid: string) => {
    const tk = ticketList.find((x) => x.id === tid);
    return tk ? `${tk.external_id ? `${tk.external_id} · ` : ""}${tk.subject}` : tid;
  };
  const link = (href: string, text: string) => (
    <a href={href} onClick={go(href)}>
      {text}
    </a>
  );

  /** Sends a record, closes the form and re-reads the lists. */
  async function save(method: "POST" | "PATCH", path: string, body: unknown) {
    setError(null);
    try {
      await (method === "POST" ? post(path, body) : patch(path, body));
      setEditing(null);
      toast.toast(t("records.saved"), "ok");
      await queryClient.invalidateQueries({ queryKey: ["incidents", ws, id] });
      await queryClient.invalidateQueries({ queryKey: ["maintenance", ws, id] });
    } catch (err) {
      setError(errorText(err));
    }
  }

  const submitIncident = (e: FormEvent, body: Record<string, unknown>, current: Incident | null) => {
    e.preventDefault();
    return current
      ? save("PATCH", `/workspaces/${ws}/incidents/${current.id}`, { ...body, version: current.version })
      : save("POST", `/workspaces/${ws}/incidents`, { ...body, vendor_id: id });
  };

  return (
    <div className="records-view" aria-busy={incidents.isPending || notices.isPending}>
      <p>{link(`/vendors/${id}`, vendor.data.name)}</p>
      <h1>{t("records.title", { vendor: vendor.data.name })}</h1>
      <p className="hint">{t("records.intro")}</p>
      <ErrorNote error={error} />
      <section aria-labelledby="r-incidents">
        <h2 id="r-incidents">{t("records.incidents")}</h2>
        {canEdit && editing?.kind !== "incident" && (
          <button type="button" onClick={() => setEditing({ kind: "incident", incident: null })}>
            {t("records.newIncident")}
          </button>
        )}
        {editing?.kind === "incident" && (
          <IncidentForm
            current={editing.incident}
            tickets={ticketList.map((tk) => ({ id: tk.id, name: ticketName(tk.id) }))}
            onSubmit={(e, body) => submitIncident(e, body, editing.incident)}
            onCancel={() => setEditing(null)}
          />
        )}
        {editing?.kind === "rca" && (
          <RcaForm
            incident={editing.incident}
            onSubmit={(e, body) => {
              e.preventDefault();
              return save("POST", `/workspaces/${ws}/incidents/${editing.incident.id}/rca`, body);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
        {incidents.data && incidents.data.items.length === 0 ? (
          <EmptyState>{t("records.noIncidents")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="cards-on-phone" data-testid="incidents-table">
              <thead>
                <tr>
                  <th scope="col">{t("records.incident")}</th>
                  <th scope="col">{t("records.started")}</th>
                  <th scope="col">{t("records.duration")}</th>
                  <th scope="col">{t("records.links")}</th>
                  <th scope="col">{t("records.rcaVerdict")}</th>
                  {canEdit && <th scope="col">{t("records.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {incidents.data?.items.map((inc) => (
                  <tr key={inc.id}>
                    <th scope="row">
                      {inc.title}
                      {inc.severity && <span className="badge"> {inc.severity}</span>}
                    </th>
                    <td data-label={t("records.started")}>{formatDate(inc.started_at)}</td>
                    <td data-label={t("records.duration")}>
                      {inc.resolved_at
                        ? formatDuration(Date.parse(inc.resolved_at) - Date.parse(inc.started_at))
                        : t("records.ongoing")}
                    </td>
                    <td data-label={t("records.links")}>
                      <span className="row">
                        {inc.ticket_id && link(`/tickets/${inc.ticket_id}`, ticketName(inc.ticket_id))}
                        {link("/probes", t("records.probeEvidence"))}
                      </span>
                    </td>
                    <td data-label={t("records.rcaVerdict")} data-testid="rca-verdict">
                      <RcaVerdictText incident={inc} />
                    </td>
                    {canEdit && (
                      <td data-label={t("records.actions")}>
                        <span className="row">
                          <button
                            type="button"
                            className="small"
                            aria-label={`${t("records.edit")} ${inc.title}`}
                            onClick={() => setEditing({ kind: "incident", incident: inc })}
                          >
                            {t("records.edit")}
                          </button>
                          <button
                            type="button"
                            className="small"
                            aria-label={`${t("records.rcaReceived")} ${inc.title}`}
                            onClick={() => setEditing({ kind: "rca", incident: inc })}
                          >
                            {t("records.rcaReceived")}
                          </button>
                        </span>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="r-notices">
        <h2 id="r-notices">{t("records.notices")}</h2>
        {canEdit && editing?.kind !== "notice" && (
          <button type="button" onClick={() => setEditing({ kind: "notice", notice: null })}>
            {t("records.newNotice")}
          </button>
        )}
        {editing?.kind === "notice" && (
          <MaintenanceForm
            current={editing.notice}
            onSubmit={(e, body) => {
              e.preventDefault();
              const current = editing.notice;
              return current
                ? save("PATCH", `/workspaces/${ws}/maintenance-notices/${current.id}`, body)
                : save("POST", `/workspaces/${ws}/maintenance-notices`, { ...body, vendor_id: id });
            }}
            onCancel={() => setEditing(null)}
          />
        )}
        {notices.data && notices.data.items.length === 0 ? (
          <EmptyState>{t("records.noNotices")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="cards-on-phone" data-testid="notices-table">
              <thead>
                <tr>
                  <th scope="col">{t("records.notice")}</th>
                  <th scope="col">{t("records.noticeAt")}</th>
                  <th scope="col">{t("records.window")}</th>
                  <th scope="col">{t("records.noticeVerdict")}</th>
                  {canEdit && <th scope="col">{t("records.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {notices.data?.items.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">{n.title}</th>
                    <td data-label={t("records.noticeAt")}>{formatDate(n.notice_at)}</td>
                    <td data-label={t("records.window")}>
                      {formatDate(n.window_start)} – {formatDate(n.window_end)}
                    </td>
                    <td data-label={t("records.noticeVerdict")} data-testid="notice-verdict">
                      <span className={n.late ? "sev sev-high" : undefined}>
                        {t(
                          (n.late == null
                            ? "records.notice.not_committed"
                            : n.late
                              ? "records.notice.late"
                              : "records.notice.on_time") as MessageKey,
                        )}
                      </span>{" "}
                      <span className="hint">
                        {t("records.noticeHours", {
                          given: n.notice_hours_given,
                          committed: n.notice_hours_committed ?? "—",
                        })}
                      </span>
                    </td>
                    {canEdit && (
                      <td data-label={t("records.actions")}>
                        <button
                          type="button"
                          className="small"
                          aria-label={`${t("records.edit")} ${n.title}`}
                          onClick={() => setEditing({ kind: "notice", notice: n })}
                        >
                          {t("records.edit")}
                        </button>
                      </td>
                    )}
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

/** The RCA verdict against the committed deadline, and the contents the latest report lacks. */
function RcaVerdictText({ incident }: { incident: Incident }) {
  const { t, formatDate } = useI18n();
  const { rca } = incident;
  const latest = rca.reports[rca.reports.length - 1];
  const missing = latest?.missing_contents ?? [];
  return (
    <>
      <span className={rca.verdict === "late" || rca.verdict === "missing" ? "sev sev-high" : undefined}>
        {t(`records.rca.${rca.verdict}` as MessageKey, { hours: Math.round(rca.hours_late * 10) / 10 })}
      </span>
      {rca.due_at && (
        <span className="hint">
          {" "}
          {t("records.rcaDue", { due: formatDate(rca.due_at), hours: rca.committed_hours ?? "" })}
        </span>
      )}
      {missing.length > 0 && (
        <span className="hint">
          {" "}
          {t("records.rcaLacks", {
            contents: missing.map((c) => t(`records.content.${c}` as MessageKey)).join(t("records.listSep")),
          })}
        </span>
      )}
    </>
  );
}
