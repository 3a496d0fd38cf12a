import { useCallback, useEffect, useState } from "react";
import { ApiError, get, post, setCsrfToken } from "../api/client";
import type { Me, Role, WorkspaceRef } from "../api/types";

const WS_KEY = "termsight.workspace";

export type SessionState =
  | { status: "loading" }
  | { status: "anonymous"; setupNeeded: boolean }
  | { status: "ready"; me: Me };

export interface Session {
  state: SessionState;
  workspace: WorkspaceRef | null;
  canEdit: boolean;
  selectWorkspace: (id: string) => void;
  reload: () => Promise<void>;
  logout: () => Promise<void>;
}

/** The workspace chosen next time the session loads (after setup: the one just created). */
export function rememberWorkspace(id: string): void {
  localStorage.setItem(WS_KEY, id);
}

export function roleCanEdit(role: Role | undefined): boolean {
  return role === "editor" || role === "admin";
}

/** Who is logged in (GET /me), their workspaces and the chosen one (remembered in localStorage). */
export function useSession(): Session {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [wsId, setWsId] = useState<string | null>(() => localStorage.getItem(WS_KEY));

  const reload = useCallback(async () => {
    try {
      const me = await get<Me>("/me");
      setCsrfToken(me.csrf_token);
      setState({ status: "ready", me });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      setCsrfToken(null);
      const setup = await get<{ needed: boolean }>("/setup").catch(() => ({ needed: false }));
      setState({ status: "anonymous", setupNeeded: setup.needed });
    }
  }, []);

  useEffect(() => {
    const again = () => void reload().catch(() => setState({ status: "anonymous", setupNeeded: false }));
    again();
    window.addEventListener("termsight:unauthorized", again);
    return () => window.removeEventListener("termsight:unauthorized", again);
  }, [reload]);

  const selectWorkspace = useCallback((id: string) => {
    localStorage.setItem(WS_KEY, id);
    setWsId(id);
  }, []);

  const logout = useCallback(async () => {
    await post("/auth/logout").catch(() => undefined);
    await reload();
  }, [reload]);

  const workspaces = state.status === "ready" ? state.me.workspaces : [];
  const workspace = workspaces.find((w) => w.id === wsId) ?? workspaces[0] ?? null;
  return { state, workspace, canEdit: roleCanEdit(workspace?.role), selectWorkspace, reload, logout };
}
