import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SortingState } from "@tanstack/react-table";
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";
import { errorText, get, post } from "../api/client";
import type { ContractRow, Page, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { go, type ViewProps } from "../shell/app";
import { Icon } from "../shell/icons";
import { EmptyState, ErrorNote } from "../shell/notes";
import { navigate, setSearch, useSearch } from "../shell/router";
import { Skeleton } from "../shell/skeleton";
import { SeveritySelect } from "./severity-select";
import { useNow } from "./sla-clock";
import { TicketDetailPanel } from "./ticket-detail";
import type { Ticket } from "./ticket-types";
import { TICKET_STATUSES, TicketsTable, toRows } from "./tickets-table";

const FILTERS = ["", "breached", "at_risk", "running"] as const;
/** Tickets per request: the first rows show at once; more are read on demand (10k tickets is ~6 MB). */
const PAGE_SIZE = 50;

/** `value` once it has stopped changing for `ms` (search is sent to the server, not per keystroke). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

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
      <SeveritySelect
        ws={ws}
        vendorId={vendorId || null}
        id="ticket-severity"
        label={t("tickets.severity")}
        value={severity}
        onChange={setSeverity}
      />
      <button type="submit" className="primary">
        {t("tickets.create")}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}

const STATUS_FILTERS = ["", ...TICKET_STATUSES] as const;

function parseSort(value: string | null): SortingState {
  if (!value) return [{ id: "due", desc: false }];
  const [id, dir] = value.split(".");
  return [{ id, desc: dir === "desc" }];
}

/**
 * Tickets like a help desk: filters (SLA state, status, vendor), search and sorting live in the
 * URL; the open ticket is /tickets/:id. Clocks tick every second from the `due` instants.
 */
export function TicketsView({ ws, canEdit, params }: ViewProps) {
  const { t } = useI18n();
  const now = useNow();
  const qc = useQueryClient();
  const search = useSearch();
  const sla = search.get("sla") ?? "";
  const status = search.get("status") ?? "";
  const vendor = search.get("vendor") ?? "";
  const text = search.get("q") ?? "";
  const sorting = parseSort(search.get("sort"));
  const openId = params?.id ?? null;
  const onOpen = useCallback(
    (id: string) => navigate(`/tickets/${encodeURIComponent(id)}${location.search}`),
    [],
  );

  const needle = useSettled(text.trim(), 250);
  const tickets = useInfiniteQuery({
    queryKey: ["tickets", ws, sla, status, vendor, needle],
    initialPageParam: "",
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (sla) q.set("sla", sla);
      if (status) q.set("status", status);
      if (vendor) q.set("vendor_id", vendor);
      if (needle) q.set("q", needle);
      if (pageParam) q.set("cursor", pageParam);
      return get<Page<Ticket>>(`/workspaces/${ws}/tickets?${q}`);
    },
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // pauses and replies made elsewhere are re-read each minute
    refetchInterval: 60_000,
  });
  const vendors = useQuery({
    queryKey: ["vendors", ws],
    queryFn: () => get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=500`),
  });
  const contracts = useQuery({
    queryKey: ["contracts", ws],
    queryFn: () => get<Page<ContractRow>>(`/workspaces/${ws}/contracts?limit=200`),
  });
  const refresh = useCallback(() => void qc.invalidateQueries({ queryKey: ["tickets", ws] }), [qc, ws]);
  // The database searches subject and external id (?q=); sorting orders the rows read so far.
  const rows = useMemo(
    () =>
      toRows(
        tickets.data?.pages.flatMap((p) => p.items) ?? [],
        vendors.data?.items ?? [],
        contracts.data?.items ?? [],
      ),
    [tickets.data, vendors.data, contracts.data],
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
          vendors={vendors.data?.items ?? []}
          onCreated={(tk) => {
            refresh();
            onOpen(tk.id);
          }}
        />
      )}
      <div className="row filters">
        <div className="field">
          <label htmlFor="ticket-search">{t("tickets.search")}</label>
          <input
            id="ticket-search"
            type="search"
            value={text}
            onChange={(e) => setSearch({ q: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="ticket-filter">{t("sla.filter")}</label>
          <select id="ticket-filter" value={sla} onChange={(e) => setSearch({ sla: e.target.value })}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`sla.filter.${f || "all"}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ticket-status">{t("tickets.status")}</label>
          <select id="ticket-status" value={status} onChange={(e) => setSearch({ status: e.target.value })}>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s ? t(`ticketStatus.${s}` as MessageKey) : t("common.all")}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ticket-vendor-filter">{t("tickets.vendor")}</label>
          <select
            id="ticket-vendor-filter"
            value={vendor}
            onChange={(e) => setSearch({ vendor: e.target.value })}
          >
            <option value="">{t("common.all")}</option>
            {vendors.data?.items.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNote error={tickets.error ? errorText(tickets.error) : null} />
      {tickets.isPending ? (
        <Skeleton />
      ) : rows.length === 0 ? (
        <EmptyState>{text || sla || status || vendor ? t("tickets.noMatch") : t("tickets.empty")}</EmptyState>
      ) : (
        <TicketsTable
          rows={rows}
          sorting={sorting}
          onSortingChange={(s) =>
            setSearch({ sort: s[0] ? `${s[0].id}.${s[0].desc ? "desc" : "asc"}` : null })
          }
          openId={openId}
          onOpen={onOpen}
          now={now}
        />
      )}
      {tickets.hasNextPage && (
        <p>
          <button
            type="button"
            onClick={() => void tickets.fetchNextPage()}
            disabled={tickets.isFetchingNextPage}
          >
            {t("common.more")}
          </button>
        </p>
      )}
      {openId && (
        <TicketDetailPanel
          key={openId}
          ws={ws}
          id={openId}
          contractName={rows.find((r) => r.id === openId)?.contractName ?? null}
          canEdit={canEdit}
          now={now}
          onChanged={refresh}
        />
      )}
    </div>
  );
}
