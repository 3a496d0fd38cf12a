import { lazy, type MouseEvent, Suspense, useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { ReviewView } from "../review/review-view";
import { LoginView, SetupView } from "./auth-views";
import { LangSwitch } from "./lang-switch";
import { EmptyState } from "./notes";
import { navigate, usePath } from "./router";
import { type Session, useSession } from "./session";
import { InviteView, ResetPasswordView } from "./token-views";

const CompareView = lazy(() => import("../compare/compare-view").then((m) => ({ default: m.CompareView })));
const ContractsView = lazy(() =>
  import("../enforce/contracts-view").then((m) => ({ default: m.ContractsView })),
);
const TicketsView = lazy(() => import("../enforce/tickets-view").then((m) => ({ default: m.TicketsView })));
const ProbesView = lazy(() => import("../enforce/probes-view").then((m) => ({ default: m.ProbesView })));
const CreditsView = lazy(() => import("../enforce/credits-view").then((m) => ({ default: m.CreditsView })));

const NAV: { path: string; label: MessageKey }[] = [
  { path: "/review", label: "nav.review" },
  { path: "/compare", label: "nav.compare" },
  { path: "/contracts", label: "nav.contracts" },
  { path: "/tickets", label: "nav.tickets" },
  { path: "/probes", label: "nav.probes" },
  { path: "/credits", label: "nav.credits" },
];

export interface ViewProps {
  ws: string;
  canEdit: boolean;
}

/** A link click that navigates in the app (keeps the href for new tabs and screen readers). */
function go(path: string) {
  return (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    navigate(path);
  };
}

function Header({ session, path }: { session: Session; path: string }) {
  const { t } = useI18n();
  if (session.state.status !== "ready") return null;
  const { me } = session.state;
  return (
    <header className="top">
      <a className="brand" href="/review" onClick={go("/review")}>
        Termsight
      </a>
      <nav aria-label={t("nav.main")}>
        {NAV.map((n) => (
          <a
            key={n.path}
            href={n.path}
            aria-current={path.startsWith(n.path) ? "page" : undefined}
            onClick={go(n.path)}
          >
            {t(n.label)}
          </a>
        ))}
      </nav>
      <div className="top-tools">
        <label className="inline">
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

function Page({ path, session }: { path: string; session: Session }) {
  const { t } = useI18n();
  const ws = session.workspace;
  if (!ws) return <EmptyState>{t("auth.noWorkspace")}</EmptyState>;
  const props: ViewProps = { ws: ws.id, canEdit: session.canEdit };
  const view = path.startsWith("/compare") ? (
    <CompareView {...props} />
  ) : path.startsWith("/contracts") ? (
    <ContractsView {...props} />
  ) : path.startsWith("/tickets") ? (
    <TicketsView {...props} />
  ) : path.startsWith("/probes") ? (
    <ProbesView {...props} />
  ) : path.startsWith("/credits") ? (
    <CreditsView {...props} />
  ) : (
    <ReviewView {...props} />
  );
  return (
    <main id="main" className="page" key={ws.id}>
      {!session.canEdit && <p className="note info">{t("common.readOnly")}</p>}
      <Suspense fallback={<p>{t("common.loading")}</p>}>{view}</Suspense>
    </main>
  );
}

export function App() {
  const session = useSession();
  const path = usePath();
  const { t } = useI18n();
  const [notice, setNotice] = useState<string | undefined>();
  const { state } = session;
  if (state.status === "loading") return <p className="page">{t("common.loading")}</p>;
  if (state.status === "anonymous") {
    if (path.startsWith("/setup") || (state.setupNeeded && !notice)) return <SetupView onDone={setNotice} />;
    if (path.startsWith("/invite")) return <InviteView loggedIn={false} onDone={setNotice} />;
    if (path.startsWith("/reset-password")) return <ResetPasswordView onDone={setNotice} />;
    return <LoginView onLoggedIn={session.reload} notice={notice} />;
  }
  if (path.startsWith("/invite")) return <InviteView loggedIn onDone={() => void session.reload()} />;
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
