import { type ComponentType, lazy, type MouseEvent, Suspense, useEffect, useState } from "react";
import { useWorkspaceParam } from "../alert-channels/use-ws-param";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { ReviewView } from "../review/review-view";
import { LoginView, SetupView } from "./auth-views";
import { Icon } from "./icons";
import { LangSwitch } from "./lang-switch";
import { EmptyState } from "./notes";
import { matchPattern, navigate, usePath, useSearch } from "./router";
import { type Session, useSession } from "./session";
import { Skeleton } from "./skeleton";
import { InviteView, ResetPasswordView } from "./token-views";

const CompareView = lazy(() => import("../compare/compare-view").then((m) => ({ default: m.CompareView })));
const ContractsView = lazy(() =>
  import("../enforce/contracts-view").then((m) => ({ default: m.ContractsView })),
);
const TicketsView = lazy(() => import("../enforce/tickets-view").then((m) => ({ default: m.TicketsView })));
const TicketImportView = lazy(() =>
  import("../enforce/ticket-import").then((m) => ({ default: m.TicketImportView })),
);
const ProbesView = lazy(() => import("../enforce/probes-view").then((m) => ({ default: m.ProbesView })));
const CreditsView = lazy(() => import("../enforce/credits-view").then((m) => ({ default: m.CreditsView })));
const VendorView = lazy(() => import("../home/vendor-view").then((m) => ({ default: m.VendorView })));
const ReportsView = lazy(() => import("../reports/reports-view").then((m) => ({ default: m.ReportsView })));
const RecordsView = lazy(() => import("../reports/records-view").then((m) => ({ default: m.RecordsView })));
const CommandPalette = lazy(() => import("./command-palette"));
const HomeView = lazy(() => import("../home/home-view").then((m) => ({ default: m.HomeView })));
const WatchView = lazy(() => import("../watch/watch-view").then((m) => ({ default: m.WatchView })));
const AlertChannelsView = lazy(() =>
  import("../alert-channels/alert-channels-view").then((m) => ({ default: m.AlertChannelsView })),
);
const SettingsView = lazy(() =>
  import("../settings/settings-view").then((m) => ({ default: m.SettingsView })),
);

export interface ViewProps {
  ws: string;
  canEdit: boolean;
  /** The caller's role in the workspace (settings show admin-only controls by it). */
  role?: "viewer" | "editor" | "admin";
  /** Named segments of the route (`/tickets/:id` → { id }). */
  params?: Record<string, string>;
}

interface RouteDef {
  pattern: string;
  title: MessageKey;
  view: ComponentType<ViewProps>;
}

/** Every page has its own URL; anything else is the 404 page. Order matters only for equal-length patterns. */
const ROUTES: RouteDef[] = [
  { pattern: "/", title: "nav.home", view: HomeView },
  { pattern: "/vendors/:id", title: "home.title", view: VendorView },
  { pattern: "/review", title: "nav.review", view: ReviewView },
  { pattern: "/compare", title: "nav.compare", view: CompareView },
  { pattern: "/contracts", title: "nav.contracts", view: ContractsView },
  { pattern: "/tickets", title: "nav.tickets", view: TicketsView },
  { pattern: "/tickets/import", title: "import.title", view: TicketImportView },
  { pattern: "/tickets/:id", title: "nav.tickets", view: TicketsView },
  { pattern: "/probes", title: "nav.probes", view: ProbesView },
  { pattern: "/credits", title: "nav.credits", view: CreditsView },
  { pattern: "/watch", title: "watch.title", view: WatchView },
  { pattern: "/alerts", title: "alerts.title", view: AlertChannelsView },
  { pattern: "/reports", title: "nav.reports", view: ReportsView },
  { pattern: "/vendors/:id/records", title: "records.link", view: RecordsView },
  { pattern: "/settings", title: "nav.settings", view: SettingsView },
  { pattern: "/settings/:section", title: "nav.settings", view: SettingsView },
];

const NAV: { path: string; label: MessageKey }[] = [
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
];

const AUTH_PAGES = ["/login", "/setup", "/reset-password"];

function findRoute(path: string): { route: RouteDef; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPattern(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}

/** A link click that navigates in the app (keeps the href for new tabs and screen readers). */
export function go(path: string) {
  return (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    navigate(path);
  };
}

/** Sets the document title: "<page> · Termsight". */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Termsight`;
  }, [title]);
}

/** ⌘K / Ctrl+K opens the command palette (its code is fetched on first use). */
function usePaletteShortcut(): [boolean, (o: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return [open, setOpen];
}

function Header({ session, path }: { session: Session; path: string }) {
  const { t } = useI18n();
  const [paletteOpen, setPaletteOpen] = usePaletteShortcut();
  const [paletteUsed, setPaletteUsed] = useState(false);
  useEffect(() => {
    if (paletteOpen) setPaletteUsed(true);
  }, [paletteOpen]);
  if (session.state.status !== "ready") return null;
  const { me } = session.state;
  return (
    <header className="top">
      <a className="brand" href="/" onClick={go("/")}>
        Termsight
      </a>
      <nav aria-label={t("nav.main")}>
        {NAV.map((n) => (
          <a
            key={n.path}
            href={n.path}
            aria-current={(n.path === "/" ? path === "/" : path.startsWith(n.path)) ? "page" : undefined}
            onClick={go(n.path)}
          >
            {t(n.label)}
          </a>
        ))}
        <a
          href="/settings"
          aria-current={path.startsWith("/settings") ? "page" : undefined}
          onClick={go("/settings")}
        >
          <Icon name="settings" /> {t("nav.settings")}
        </a>
      </nav>
      <div className="top-tools">
        <button type="button" className="ghost" onClick={() => setPaletteOpen(true)} title="Ctrl+K / ⌘K">
          <Icon name="search" /> {t("palette.open")}
        </button>
        {paletteUsed && session.workspace && (
          <Suspense fallback={null}>
            <CommandPalette ws={session.workspace.id} open={paletteOpen} onOpenChange={setPaletteOpen} />
          </Suspense>
        )}
        <label className="inline ws-pick">
          <span className="sr-only">{t("ws.label")}</span>
          <select
            value={session.workspace?.id ?? ""}
            onChange={(e) => session.selectWorkspace(e.target.value)}
            aria-label={t("ws.label")}
          >
            {me.workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} · {t(`role.${w.role}`)}
              </option>
            ))}
          </select>
        </label>
        <LangSwitch />
        <button type="button" className="ghost" onClick={() => session.logout()} title={me.user.email}>
          {t("auth.logout")}
        </button>
      </div>
    </header>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Skeleton />;
}

export function NotFound() {
  const { t } = useI18n();
  usePageTitle(t("notFound.title"));
  return (
    <div className="not-found">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body", { path: location.pathname })}</p>
      <p>
        <a href="/" onClick={go("/")}>
          {t("notFound.home")}
        </a>
      </p>
    </div>
  );
}

function Page({ path, session }: { path: string; session: Session }) {
  const { t, setDefaultLang } = useI18n();
  const found = findRoute(path);
  usePageTitle(t(found?.route.title ?? "notFound.title"));
  const ws = session.workspace;
  const wsLang = ws?.language;
  useEffect(() => {
    if (wsLang) setDefaultLang(wsLang === "zh-CN" ? "zh" : "en");
  }, [wsLang, setDefaultLang]);
  if (!ws)
    return (
      <main id="main" className="page">
        <EmptyState>{t("auth.noWorkspace")}</EmptyState>
      </main>
    );
  const View = found?.route.view;
  return (
    <main id="main" className="page" key={ws.id}>
      {!session.canEdit && <p className="note info">{t("common.readOnly")}</p>}
      <Suspense fallback={<Skeleton />}>
        {View ? (
          <View ws={ws.id} canEdit={session.canEdit} role={ws.role} params={found.params} />
        ) : (
          <NotFound />
        )}
      </Suspense>
    </main>
  );
}

export function App() {
  const session = useSession();
  const path = usePath();
  const { t } = useI18n();
  const [notice, setNotice] = useState<string | undefined>();
  useWorkspaceParam(session, useSearch().toString());
  const { state } = session;
  if (state.status === "loading") return <Skeleton />;
  if (state.status === "anonymous") {
    if (path.startsWith("/setup") || (state.setupNeeded && !notice)) return <SetupView onDone={setNotice} />;
    if (path.startsWith("/invite")) return <InviteView loggedIn={false} onDone={setNotice} />;
    if (path.startsWith("/reset-password")) return <ResetPasswordView onDone={setNotice} />;
    return <LoginView onLoggedIn={session.reload} notice={notice} />;
  }
  if (path.startsWith("/invite")) return <InviteView loggedIn onDone={() => void session.reload()} />;
  // A logged-in user on a login/setup link goes home.
  if (AUTH_PAGES.includes(path)) return <Redirect to="/" />;
  return (
    <>
      <a className="skip" href="#main">
        {t("common.skip")}
      </a>
      <Header session={session} path={path} />
      <Page path={path} session={session} />
    </>
  );
}
