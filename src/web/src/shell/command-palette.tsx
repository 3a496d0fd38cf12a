import { useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { get } from "../api/client";
import type { DocumentRow, Page, Vendor } from "../api/types";
import type { Ticket } from "../enforce/ticket-types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { navigate } from "./router";

const PAGES: { path: string; label: MessageKey }[] = [
  { path: "/", label: "nav.home" },
  { path: "/review", label: "nav.review" },
  { path: "/compare", label: "nav.compare" },
  { path: "/contracts", label: "nav.contracts" },
  { path: "/tickets", label: "nav.tickets" },
  { path: "/probes", label: "nav.probes" },
  { path: "/credits", label: "nav.credits" },
  { path: "/watch", label: "nav.watch" },
  { path: "/alerts", label: "nav.alerts" },
  { path: "/reports", label: "nav.reports" },
  { path: "/settings", label: "nav.settings" },
];
const ACTIONS: { path: string; label: MessageKey }[] = [
  { path: "/review", label: "palette.upload" },
  { path: "/tickets/import", label: "import.title" },
  { path: "/settings/tokens", label: "settings.createToken" },
  { path: "/settings/members", label: "settings.invite" },
];

/** ⌘K / Ctrl+K: jump to a page, vendor, document or ticket, or start an action (cmdk in a dialog). */
export default function CommandPalette({
  ws,
  open,
  onOpenChange,
}: {
  ws: string;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const { t } = useI18n();
  const vendors = useQuery({
    queryKey: ["vendors", ws],
    queryFn: () => get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=500`),
    enabled: open,
  });
  const documents = useQuery({
    queryKey: ["documents", ws],
    queryFn: () => get<Page<DocumentRow>>(`/workspaces/${ws}/documents?limit=500`),
    enabled: open,
  });
  const tickets = useQuery({
    queryKey: ["tickets", ws, "", "", ""],
    queryFn: () => get<Page<Ticket>>(`/workspaces/${ws}/tickets?limit=500`),
    enabled: open,
  });
  const go = (path: string) => {
    onOpenChange(false);
    navigate(path);
  };
  return (
    <Command.Dialog
      open={open}
      onOpenChange={onOpenChange}
      label={t("palette.label")}
      overlayClassName="dialog-overlay"
      contentClassName="dialog palette"
    >
      <Command.Input placeholder={t("palette.placeholder")} aria-label={t("palette.placeholder")} />
      <Command.List>
        <Command.Empty>{t("palette.empty")}</Command.Empty>
        <Command.Group heading={t("palette.pages")}>
          {PAGES.map((p) => (
            <Command.Item key={p.path} value={`page ${t(p.label)}`} onSelect={() => go(p.path)}>
              {t(p.label)}
            </Command.Item>
          ))}
        </Command.Group>
        <Command.Group heading={t("palette.actions")}>
          {ACTIONS.map((a) => (
            <Command.Item key={a.label} value={`action ${t(a.label)}`} onSelect={() => go(a.path)}>
              {t(a.label)}
            </Command.Item>
          ))}
        </Command.Group>
        {vendors.data && vendors.data.items.length > 0 && (
          <Command.Group heading={t("home.title")}>
            {vendors.data.items.map((v) => (
              <Command.Item
                key={v.id}
                value={`vendor ${v.name} ${v.id}`}
                onSelect={() => go(`/vendors/${v.id}`)}
              >
                {v.name}
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {documents.data && documents.data.items.length > 0 && (
          <Command.Group heading={t("review.documents")}>
            {documents.data.items.map((d) => (
              <Command.Item
                key={d.id}
                value={`document ${d.name} ${d.id}`}
                onSelect={() => go(`/review?document=${d.id}`)}
              >
                {d.name}
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {tickets.data && tickets.data.items.length > 0 && (
          <Command.Group heading={t("nav.tickets")}>
            {tickets.data.items.slice(0, 200).map((tk) => (
              <Command.Item
                key={tk.id}
                value={`ticket ${tk.subject} ${tk.external_id ?? ""} ${tk.id}`}
                onSelect={() => go(`/tickets/${tk.id}`)}
              >
                {tk.subject || tk.external_id || tk.id}
              </Command.Item>
            ))}
          </Command.Group>
        )}
      </Command.List>
    </Command.Dialog>
  );
}
