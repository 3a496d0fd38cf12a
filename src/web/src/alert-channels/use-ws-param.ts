import { useEffect } from "react";
import { setSearch } from "../shell/router";
import type { Session } from "../shell/session";

/**
 * Alert evidence links carry `?ws=<workspace id>` (src/alerts/raise-alert.ts): opening one switches
 * to that workspace when the user is a member, then drops the parameter so the URL stays clean.
 */
export function useWorkspaceParam(session: Session, search: string): void {
  const wanted = new URLSearchParams(search).get("ws");
  const ready = session.state.status === "ready";
  const member =
    ready && session.state.status === "ready" && session.state.me.workspaces.some((w) => w.id === wanted);
  const { selectWorkspace } = session;
  useEffect(() => {
    if (!wanted || !ready) return;
    if (member) selectWorkspace(wanted);
    setSearch({ ws: null });
  }, [wanted, ready, member, selectWorkspace]);
}
