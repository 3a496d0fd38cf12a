import { useQuery } from "@tanstack/react-query";
import { get } from "../api/client";
import type { Page, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import type { ViewProps } from "../shell/app";
import { setSearch, useSearch } from "../shell/router";
import { ContractDeadlinesSection } from "./contract-deadlines";
import { StatusSection } from "./status-sources";
import { WatchedDocuments } from "./watched-documents";
import "./watch.css";

const TABS = ["documents", "status", "deadlines"] as const;
type Tab = (typeof TABS)[number];

/** Watch: vendors' published terms (versions, meaning diffs), their status pages, and contract deadlines. */
export function WatchView({ ws, canEdit }: ViewProps) {
  const { t } = useI18n();
  const search = useSearch();
  const tab: Tab = (TABS as readonly string[]).includes(search.get("tab") ?? "")
    ? (search.get("tab") as Tab)
    : "documents";
  const vendorId = search.get("vendor") ?? "";
  const vendors = useQuery({
    queryKey: ["vendors", ws],
    queryFn: () => get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=500`),
  });
  const vendorList = vendors.data?.items ?? [];
  return (
    <div className="watch-view">
      <h1>{t("watch.title")}</h1>
      <p className="hint">{t("watch.intro")}</p>
      <div className="toolbar">
        <label className="field inline" htmlFor="watch-vendor">
          {t("watch.vendor")}
          <select
            id="watch-vendor"
            value={vendorId}
            onChange={(e) => setSearch({ vendor: e.target.value || null })}
          >
            <option value="">{t("watch.allVendors")}</option>
            {vendorList.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <a href={`/api/v1/workspaces/${ws}/term-changes.atom`} type="application/atom+xml">
          {t("watch.feed")}
        </a>
      </div>
      <nav className="subnav" aria-label={t("watch.tabs")}>
        {TABS.map((k) => (
          <a
            key={k}
            href={`?tab=${k}${vendorId ? `&vendor=${vendorId}` : ""}`}
            aria-current={tab === k ? "page" : undefined}
            onClick={(e) => {
              e.preventDefault();
              setSearch({ tab: k });
            }}
          >
            {t(`watch.tab.${k}` as MessageKey)}
          </a>
        ))}
      </nav>
      {tab === "documents" && (
        <WatchedDocuments ws={ws} canEdit={canEdit} vendorId={vendorId} vendors={vendorList} />
      )}
      {tab === "status" && (
        <StatusSection ws={ws} canEdit={canEdit} vendorId={vendorId} vendors={vendorList} />
      )}
      {tab === "deadlines" && <ContractDeadlinesSection ws={ws} vendorId={vendorId} />}
    </div>
  );
}
