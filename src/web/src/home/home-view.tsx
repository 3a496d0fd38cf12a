import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { get } from "../api/client";
import type { ContractRow, DocumentRow, Page, Probe, ReviewRow, Vendor } from "../api/types";
import { contractInForce } from "../enforce/contract-in-force";
import { recentMonths } from "../enforce/credits-view";
import { useI18n } from "../i18n/i18n";
import { go, type ViewProps } from "../shell/app";
import { EmptyState } from "../shell/notes";
import { Skeleton } from "../shell/skeleton";
import { ErrorBudgetBar, LatencyVsCommitment, VendorHeartbeat } from "./vendor-card-figures";

interface Availability {
  report: { measured_percent: number | null; target_percent: number | null; flags: string[] } | null;
  credit: { owed: boolean; credit_percent: number } | null;
  claim_window: { deadline: string; days_left: number | null } | null;
}

/** True once the element has been on screen (cards below the fold fetch their figures late). */
function useSeen<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    if (typeof IntersectionObserver === "undefined") return setSeen(true);
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);
  return [ref, seen];
}

interface SlaCounts {
  vendors: { vendor_id: string | null; breached: number; at_risk: number }[];
}

/** Null while the counts load: a count of 0 would claim nothing is breached. */
const count = (counts: SlaCounts | undefined, vendorId: string, state: "breached" | "at_risk") =>
  counts ? (counts.vendors.find((c) => c.vendor_id === vendorId)?.[state] ?? 0) : null;

/** The start page: one card per vendor with what needs attention. */
export function HomeView({ ws }: ViewProps) {
  const { t } = useI18n();
  const vendors = useQuery({
    queryKey: ["vendors", ws],
    queryFn: () => get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=500`),
  });
  const contracts = useQuery({
    queryKey: ["contracts", ws],
    queryFn: () => get<Page<ContractRow>>(`/workspaces/${ws}/contracts?limit=200`),
  });
  const documents = useQuery({
    queryKey: ["documents", ws],
    queryFn: () => get<Page<DocumentRow>>(`/workspaces/${ws}/documents?limit=500`),
  });
  const reviews = useQuery({
    queryKey: ["reviews", ws, "general"],
    queryFn: () => get<Page<ReviewRow>>(`/workspaces/${ws}/reviews?scenario=general&limit=500`),
  });
  // exact counts from the server (one small answer), not two lists of 500 tickets counted here
  const slaCounts = useQuery({
    queryKey: ["tickets", ws, "sla-counts"],
    queryFn: () => get<SlaCounts>(`/workspaces/${ws}/tickets/sla-counts`),
  });
  const probes = useQuery({
    queryKey: ["probes", ws],
    queryFn: () => get<Page<Probe>>(`/workspaces/${ws}/probes?limit=500`),
  });
  const probeOf = useMemo(() => {
    const out = new Map<string, Probe>();
    for (const p of probes.data?.items ?? [])
      if (p.vendor_id && !out.has(p.vendor_id)) out.set(p.vendor_id, p);
    return out;
  }, [probes.data]);
  const scoreOf = useMemo(() => {
    const docVendor = new Map((documents.data?.items ?? []).map((d) => [d.id, d.vendor_id]));
    const out = new Map<string, number>();
    // newest first: the first review seen per vendor is its latest
    for (const r of reviews.data?.items ?? []) {
      const v = docVendor.get(r.document_id);
      if (v && r.score != null && !out.has(v)) out.set(v, r.score);
    }
    return out;
  }, [documents.data, reviews.data]);
  const today = new Date().toISOString();

  return (
    <div className="home-view">
      <h1>{t("home.title")}</h1>
      {vendors.isPending ? (
        <Skeleton />
      ) : !vendors.data || vendors.data.items.length === 0 ? (
        <EmptyState>
          {t("home.empty")}{" "}
          <a href="/review" onClick={go("/review")}>
            {t("nav.review")}
          </a>
        </EmptyState>
      ) : (
        <ul className="vendor-cards">
          {vendors.data.items.map((v) => (
            <VendorCard
              key={v.id}
              ws={ws}
              vendor={v}
              score={scoreOf.get(v.id) ?? null}
              contract={contractInForce(contracts.data?.items ?? [], v.id, today)}
              breached={count(slaCounts.data, v.id, "breached")}
              atRisk={count(slaCounts.data, v.id, "at_risk")}
              probe={probeOf.get(v.id) ?? null}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function VendorCard(props: {
  ws: string;
  vendor: Vendor;
  score: number | null;
  contract: ContractRow | null;
  breached: number | null;
  atRisk: number | null;
  /** The vendor's first probe (its heartbeat is shown), if any. */
  probe: Probe | null;
}) {
  const { t } = useI18n();
  const { ws, vendor, score, contract, breached, atRisk, probe } = props;
  const shown = (n: number | null) => (n == null ? "…" : n);
  const [ref, seen] = useSeen<HTMLLIElement>();
  const period = recentMonths(new Date(), 1)[0];
  const availability = useQuery({
    queryKey: ["availability", ws, contract?.id, period],
    enabled: seen && Boolean(contract),
    queryFn: () =>
      get<Availability>(`/workspaces/${ws}/contracts/${contract?.id}/availability?period=${period}`),
  });
  const a = availability.data;
  const tickets = `/tickets?vendor=${vendor.id}`;
  return (
    <li ref={ref} className="vendor-card" data-testid="vendor-card">
      <h2>
        <a href={`/vendors/${vendor.id}`} onClick={go(`/vendors/${vendor.id}`)}>
          {vendor.name}
        </a>
      </h2>
      <dl>
        <div>
          <dt>{t("home.score")}</dt>
          <dd>{score != null ? t("home.scoreOf", { n: Math.round(score) }) : t("home.noReview")}</dd>
        </div>
        <div>
          <dt>{t("tickets.contract")}</dt>
          <dd>
            {contract
              ? contract.valid_to
                ? t("home.contractUntil", { name: contract.name, date: contract.valid_to })
                : contract.name
              : t("home.noContract")}
          </dd>
        </div>
        <div>
          <dt>{t("home.availability", { period })}</dt>
          <dd>
            {!contract ? (
              t("common.none")
            ) : !a ? (
              t("common.loading")
            ) : a.report?.measured_percent != null ? (
              <>
                {t("home.measuredVsTarget", {
                  measured: a.report.measured_percent.toFixed(3),
                  target: a.report.target_percent != null ? a.report.target_percent : "?",
                })}{" "}
                <span className="badge">{t("home.partialMonth")}</span>
                {a.report.target_percent != null && (
                  <ErrorBudgetBar measured={a.report.measured_percent} target={a.report.target_percent} />
                )}
              </>
            ) : (
              t("credits.flag.no_data")
            )}
          </dd>
        </div>
        {contract && seen && (
          <div>
            <dt>{t("home.latency")}</dt>
            <dd>
              <LatencyVsCommitment ws={ws} contractId={contract.id} period={period} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t("nav.probes")}</dt>
          <dd>
            {probe && seen ? (
              <VendorHeartbeat ws={ws} probeId={probe.id} name={probe.name ?? probe.url} />
            ) : probe ? (
              t("common.loading")
            ) : (
              t("vendor.noProbes")
            )}
          </dd>
        </div>
        <div>
          <dt>{t("home.tickets")}</dt>
          <dd>
            <a href={`${tickets}&sla=breached`} onClick={go(`${tickets}&sla=breached`)}>
              {t("home.breached", { n: shown(breached) })}
            </a>
            {" · "}
            <a href={`${tickets}&sla=at_risk`} onClick={go(`${tickets}&sla=at_risk`)}>
              {t("home.atRisk", { n: shown(atRisk) })}
            </a>
          </dd>
        </div>
        {a?.credit?.owed && (
          <div>
            <dt>{t("credits.owed")}</dt>
            <dd>
              {a.credit.credit_percent}%
              {a.claim_window?.deadline ? ` · ${t("home.claimBy", { date: a.claim_window.deadline })}` : ""}
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}
