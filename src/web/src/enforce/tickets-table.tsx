import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  type SortingState,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { useMemo } from "react";
import type { ContractRow, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { Icon } from "../shell/icons";
import { contractInForce } from "./contract-in-force";
import { SummaryClock } from "./sla-clock";
import type { Ticket } from "./ticket-types";

export const TICKET_STATUSES = ["open", "pending", "on_hold", "solved", "closed"] as const;

export interface TicketRowView extends Ticket {
  vendorName: string | null;
  contractName: string | null;
  /** Sort key for the SLA column: breached first, then the nearest due instant. */
  dueKey: number;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const col = createColumnHelper<typeof features, TicketRowView>();

export function toRows(tickets: Ticket[], vendors: Vendor[], contracts: ContractRow[]): TicketRowView[] {
  const names = new Map(vendors.map((v) => [v.id, v.name]));
  return tickets.map((tk) => {
    const source = tk.policy_source ?? null;
    const contract = source === "contract" ? contractInForce(contracts, tk.vendor_id, tk.opened_at) : null;
    const due = tk.sla?.breached ? Number.NEGATIVE_INFINITY : tk.sla?.due ? Date.parse(tk.sla.due) : Infinity;
    return {
      ...tk,
      vendorName: tk.vendor_id ? (names.get(tk.vendor_id) ?? null) : null,
      contractName: contract?.name ?? null,
      dueKey: due,
    };
  });
}

/** Tickets as a sortable table (sorting kept in the URL by the caller); a card per ticket on a phone. */
export function TicketsTable({
  rows,
  sorting,
  onSortingChange,
  openId,
  onOpen,
  now,
}: {
  rows: TicketRowView[];
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  openId: string | null;
  onOpen: (id: string) => void;
  now: number;
}) {
  const { t, formatDate } = useI18n();
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor("subject", {
          header: () => t("tickets.subject"),
          sortFn: "alphanumeric",
          cell: (c) => {
            const tk = c.row.original;
            return (
              <button type="button" className="link" onClick={() => onOpen(tk.id)}>
                {tk.subject || tk.external_id || tk.id}
              </button>
            );
          },
        }),
        col.accessor((r) => r.vendorName ?? "", {
          id: "vendor",
          header: () => t("tickets.vendor"),
          sortFn: "alphanumeric",
          cell: (c) => c.getValue() || t("common.none"),
        }),
        col.accessor("severity", { header: () => t("tickets.severity"), sortFn: "alphanumeric" }),
        col.accessor("status", {
          header: () => t("tickets.status"),
          sortFn: "alphanumeric",
          cell: (c) => {
            const s = c.getValue();
            return (TICKET_STATUSES as readonly string[]).includes(s)
              ? t(`ticketStatus.${s}` as MessageKey)
              : s;
          },
        }),
        col.accessor((r) => r.contractName ?? "", {
          id: "contract",
          header: () => t("tickets.contract"),
          sortFn: "alphanumeric",
          cell: (c) => {
            const r = c.row.original;
            if (r.policy_source === "ticket") return t("tickets.ownPolicy");
            if (r.contractName) return r.contractName;
            return <span className="hint">{t("tickets.noPolicy")}</span>;
          },
        }),
        col.accessor("opened_at", {
          header: () => t("tickets.opened"),
          sortFn: "basic",
          cell: (c) => formatDate(c.getValue()),
        }),
        col.accessor("dueKey", {
          id: "due",
          header: () => t("tickets.due"),
          sortFn: "basic",
          cell: (c) => {
            const r = c.row.original;
            return r.policy_error ? (
              <span className="hint">{t("tickets.policyError")}</span>
            ) : r.sla ? (
              <SummaryClock sla={r.sla} now={now} />
            ) : (
              <span className="hint">{t("tickets.noPolicy")}</span>
            );
          },
        }),
      ]),
    [t, formatDate, onOpen, now],
  );
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => r.id,
    state: { sorting },
    onSortingChange: (updater) => onSortingChange(typeof updater === "function" ? updater(sorting) : updater),
  });
  const labels: Record<string, MessageKey> = {
    subject: "tickets.subject",
    vendor: "tickets.vendor",
    severity: "tickets.severity",
    status: "tickets.status",
    contract: "tickets.contract",
    opened_at: "tickets.opened",
    due: "tickets.due",
  };
  return (
    <div className="table-wrap">
      <table className="tickets cards-on-phone">
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => {
                const dir = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    scope="col"
                    aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                  >
                    <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                      <table.FlexRender header={h} />
                      {dir && <Icon name="arrow" className={`icon sort-${dir}`} />}
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} aria-selected={openId === row.original.id}>
              {row.getAllCells().map((cell) => (
                <td
                  key={cell.id}
                  data-label={t(labels[cell.column.id] ?? "tickets.subject")}
                  data-testid={cell.column.id === "due" ? "ticket-clock" : undefined}
                >
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
