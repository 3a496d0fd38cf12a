import { useQuery } from "@tanstack/react-query";
import { get } from "../api/client";
import type { ContractRow, DocumentRow, Page, Probe, Vendor } from "../api/types";
import type { Ticket } from "../enforce/ticket-types";
import { useI18n } from "../i18n/i18n";
import { go, NotFound, type ViewProps } from "../shell/app";
import { EmptyState } from "../shell/notes";
import { Skeleton } from "../shell/skeleton";

/** Everything of one vendor: documents and their reviews, contracts, tickets, probes. */
export function VendorView({ ws, params }: ViewProps) {
  const { t, formatDate } = useI18n();
  const id = params?.id ?? "";
  const vendor = useQuery({
    queryKey: ["vendor", ws, id],
    queryFn: () => get<Vendor>(`/workspaces/${ws}/vendors/${id}`),
  });
  const documents = useQuery({
    queryKey: ["documents", ws],
    queryFn: () => get<Page<DocumentRow>>(`/workspaces/${ws}/documents?limit=500`),
  });
  const contracts = useQuery({
    queryKey: ["contracts", ws],
    queryFn: () => get<Page<ContractRow>>(`/workspaces/${ws}/contracts?limit=200`),
  });
  const tickets = useQuery({
    queryKey: ["tickets", ws, "", "", id],
    queryFn: () => get<Page<Ticket>>(`/workspaces/${ws}/tickets?vendor_id=${id}&limit=500`),
  });
  const probes = useQuery({
    queryKey: ["probes", ws],
    queryFn: () => get<Page<Probe>>(`/workspaces/${ws}/probes?limit=500`),
  });
  if (vendor.isPending) return <Skeleton />;
  if (vendor.error) return <NotFound />;
  const docs = documents.data?.items.filter((d) => d.vendor_id === id) ?? [];
  const mine = contracts.data?.items.filter((c) => c.vendor_id === id) ?? [];
  const ticketList = tickets.data?.items ?? [];
  const probeList = probes.data?.items.filter((p) => p.vendor_id === id) ?? [];
  const breached = ticketList.filter((tk) => tk.sla?.breached).length;
  const link = (href: string, text: string) => (
    <a href={href} onClick={go(href)}>
      {text}
    </a>
  );
  return (
    <div className="vendor-view">
      <p>{link("/", t("home.title"))}</p>
      <h1>{vendor.data.name}</h1>
      <p>{link(`/watch?vendor=${id}`, t("watch.openWatch"))}</p>
      <p>{link(`/vendors/${id}/records`, t("records.link"))}</p>
      <section aria-labelledby="v-docs">
        <h2 id="v-docs">{t("review.documents")}</h2>
        {docs.length === 0 ? (
          <EmptyState>{t("vendor.noDocuments")}</EmptyState>
        ) : (
          <ul className="cards">
            {docs.map((d) => (
              <li key={d.id} className="card-row">
                {link(`/review?document=${d.id}`, d.name)}
                <span className="hint">{formatDate(d.created_at)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="v-contracts">
        <h2 id="v-contracts">{t("nav.contracts")}</h2>
        {mine.length === 0 ? (
          <EmptyState>{t("home.noContract")}</EmptyState>
        ) : (
          <ul className="cards">
            {mine.map((c) => (
              <li key={c.id} className="card-row">
                {link("/contracts", c.name)}
                <span className="hint">
                  {c.valid_from ?? "…"} – {c.valid_to ?? "…"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="v-tickets">
        <h2 id="v-tickets">{t("nav.tickets")}</h2>
        <p>
          {link(`/tickets?vendor=${id}`, t("vendor.ticketCount", { n: ticketList.length }))}
          {breached > 0 && (
            <> · {link(`/tickets?vendor=${id}&sla=breached`, t("home.breached", { n: breached }))}</>
          )}
        </p>
      </section>
      <section aria-labelledby="v-probes">
        <h2 id="v-probes">{t("nav.probes")}</h2>
        {probeList.length === 0 ? (
          <EmptyState>{t("vendor.noProbes")}</EmptyState>
        ) : (
          <ul className="cards">
            {probeList.map((p) => (
              <li key={p.id} className="card-row">
                {link("/probes", p.name ?? p.id)}
                <span className="hint">{p.kind.toUpperCase()}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
