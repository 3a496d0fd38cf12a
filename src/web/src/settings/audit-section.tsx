import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useMemo } from "react";
import { errorText, get } from "../api/client";
import type { Page } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { EmptyState, ErrorNote } from "../shell/notes";
import { setSearch, useSearch } from "../shell/router";
import { Skeleton } from "../shell/skeleton";

interface AuditRow {
  id: string;
  at: string;
  action: string;
  entity: string;
  entity_id: string | null;
  actor_id: string | null;
  actor_email: string | null;
}

/** Audit entities and actions the server writes (grep `writeAudit`); each one has a catalogue entry. */
export const AUDIT_ENTITIES = [
  "api_token",
  "availability_settings",
  "contract",
  "credit_record",
  "document",
  "import_job",
  "incident",
  "instance",
  "instance_settings",
  "invitation",
  "maintenance_notice",
  "member",
  "probe",
  "probe_agent",
  "rca_report",
  "request_log",
  "review",
  "secret",
  "ticket",
  "user",
  "vendor",
  "workspace",
] as const;

const features = tableFeatures({});
const LABELS: Record<string, MessageKey> = {
  at: "audit.when",
  actor_email: "audit.actor",
  action: "audit.action",
  entity: "audit.object",
  entity_id: "audit.id",
};
const col = createColumnHelper<typeof features, AuditRow>();

type T = ReturnType<typeof useI18n>["t"];
const entityLabel = (t: T, e: string) =>
  (AUDIT_ENTITIES as readonly string[]).includes(e) ? t(`audit.entity.${e}` as MessageKey) : e;
const actionLabel = (t: T, a: string) => {
  const key = `audit.action.${a}` as MessageKey;
  const text = t(key);
  return text === key ? a : text;
};

/** The audit log with filters by actor and object kind (kept in the URL), newest first, paged by cursor. */
export function AuditSection({ ws }: { ws: string }) {
  const { t, formatDate } = useI18n();
  const search = useSearch();
  const actor = search.get("actor") ?? "";
  const entity = search.get("entity") ?? "";
  const members = useQuery({
    queryKey: ["members", ws],
    queryFn: () => get<Page<{ user_id: string; email: string; name: string }>>(`/workspaces/${ws}/members`),
  });
  const q = useInfiniteQuery({
    queryKey: ["audit", ws, actor, entity],
    initialPageParam: "",
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: "50" });
      if (actor) params.set("actor_id", actor);
      if (entity) params.set("entity", entity);
      if (pageParam) params.set("cursor", pageParam);
      return get<Page<AuditRow>>(`/workspaces/${ws}/audit?${params}`);
    },
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor("at", { header: () => t("audit.when"), cell: (c) => formatDate(c.getValue()) }),
        col.accessor("actor_email", {
          header: () => t("audit.actor"),
          cell: (c) => c.getValue() ?? t("audit.system"),
        }),
        col.accessor("action", {
          header: () => t("audit.action"),
          cell: (c) => actionLabel(t, c.getValue()),
        }),
        col.accessor("entity", {
          header: () => t("audit.object"),
          cell: (c) => entityLabel(t, c.getValue()),
        }),
        col.accessor("entity_id", {
          header: () => t("audit.id"),
          cell: (c) => <code>{c.getValue() ?? ""}</code>,
        }),
      ]),
    [t, formatDate],
  );
  const data = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  const table = useTable({ features, columns, data });
  return (
    <>
      <div className="row filters">
        <div className="field">
          <label htmlFor="audit-actor">{t("audit.actor")}</label>
          <select id="audit-actor" value={actor} onChange={(e) => setSearch({ actor: e.target.value })}>
            <option value="">{t("common.all")}</option>
            {members.data?.items.map((m) => (
              <option key={m.user_id} value={m.user_id}>
                {m.name} ({m.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity">{t("audit.object")}</label>
          <select id="audit-entity" value={entity} onChange={(e) => setSearch({ entity: e.target.value })}>
            <option value="">{t("common.all")}</option>
            {AUDIT_ENTITIES.map((e) => (
              <option key={e} value={e}>
                {entityLabel(t, e)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {q.isPending ? (
        <Skeleton />
      ) : q.error ? (
        <ErrorNote error={errorText(q.error)} />
      ) : data.length === 0 ? (
        <EmptyState>{t("audit.empty")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="cards-on-phone" data-testid="audit-table">
            <thead>
              {table.getHeaderGroups().map((g) => (
                <tr key={g.id}>
                  {g.headers.map((h) => (
                    <th key={h.id} scope="col">
                      <table.FlexRender header={h} />
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} data-label={t(LABELS[cell.column.id] ?? "audit.id")}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.hasNextPage && (
        <button type="button" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {t("common.more")}
        </button>
      )}
    </>
  );
}
