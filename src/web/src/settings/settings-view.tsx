import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { del, errorText, get, patch, post } from "../api/client";
import type { Page, Role } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { go, NotFound, type ViewProps } from "../shell/app";
import { EmptyState, ErrorNote } from "../shell/notes";
import { Skeleton } from "../shell/skeleton";
import { useToast } from "../shell/toasts";
import { AuditSection } from "./audit-section";
import { ShownOnce } from "./shown-once";
import { WorkspaceSettingsForm, type WorkspaceSettingsValue } from "./workspace-settings-form";

const SECTIONS = ["workspace", "members", "tokens", "agents", "audit", "export"] as const;
type Section = (typeof SECTIONS)[number];
const ROLES: Role[] = ["viewer", "editor", "admin"];

interface Member {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: string;
}
interface Invitation {
  id: string;
  email: string;
  role: Role;
  expires_at: string;
}
interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}
interface Agent {
  id: string;
  name: string;
  region: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** Latest batch: received − sent (network delay plus clock skew). */
  last_skew_ms?: number | null;
  skew_flagged?: boolean | null;
}
interface Workspace extends WorkspaceSettingsValue {
  id: string;
  name: string;
}

/** Settings: one URL per section (/settings/members …); viewers see lists without edit controls. */
export function SettingsView(props: ViewProps) {
  const { t } = useI18n();
  const section = (props.params?.section ?? "workspace") as Section;
  if (!SECTIONS.includes(section)) return <NotFound />;
  return (
    <div className="settings">
      <h1>{t("nav.settings")}</h1>
      <nav className="subnav" aria-label={t("nav.settings")}>
        {SECTIONS.map((s) => (
          <a
            key={s}
            href={`/settings/${s}`}
            aria-current={s === section ? "page" : undefined}
            onClick={go(`/settings/${s}`)}
          >
            {t(`settings.${s}` as MessageKey)}
          </a>
        ))}
      </nav>
      <section aria-labelledby="settings-h">
        <h2 id="settings-h">{t(`settings.${section}` as MessageKey)}</h2>
        {section === "workspace" && <WorkspaceSection {...props} />}
        {section === "members" && <MembersSection {...props} />}
        {section === "tokens" && <TokensSection {...props} />}
        {section === "agents" && <AgentsSection {...props} />}
        {section === "audit" && <AuditSection ws={props.ws} />}
        {section === "export" && <ExportSection {...props} />}
      </section>
    </div>
  );
}

function WorkspaceSection({ ws, role }: ViewProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { toast } = useToast();
  const q = useQuery({ queryKey: ["workspace", ws], queryFn: () => get<Workspace>(`/workspaces/${ws}`) });
  const [name, setName] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (n: string) => patch<Workspace>(`/workspaces/${ws}`, { name: n, version: q.data?.version }),
    onSuccess: () => {
      toast(t("common.saved"));
      void qc.invalidateQueries({ queryKey: ["workspace", ws] });
      window.dispatchEvent(new Event("termsight:unauthorized")); // re-reads /me so the switcher shows the name
    },
  });
  if (q.isPending) return <Skeleton lines={2} />;
  if (q.error) return <ErrorNote error={errorText(q.error)} />;
  const value = name ?? q.data.name;
  return (
    <>
      {role === "admin" ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(value);
          }}
        >
          <div className="field">
            <label htmlFor="ws-name">{t("settings.wsName")}</label>
            <input
              id="ws-name"
              value={value}
              required
              maxLength={200}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <button type="submit" className="primary" disabled={save.isPending}>
            {t("common.save")}
          </button>
        </form>
      ) : (
        <p>
          {t("settings.wsName")}: <strong>{q.data.name}</strong>
        </p>
      )}
      <ErrorNote error={save.error ? errorText(save.error) : null} />
      <WorkspaceSettingsForm key={q.data.version} ws={ws} value={q.data} isAdmin={role === "admin"} />
    </>
  );
}

function MembersSection({ ws, role }: ViewProps) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const { toast } = useToast();
  const isAdmin = role === "admin";
  const members = useQuery({
    queryKey: ["members", ws],
    queryFn: () => get<Page<Member>>(`/workspaces/${ws}/members`),
  });
  const invitations = useQuery({
    queryKey: ["invitations", ws],
    queryFn: () => get<Page<Invitation>>(`/workspaces/${ws}/invitations`),
    enabled: isAdmin,
  });
  const [email, setEmail] = useState("");
  const [inviteRole, setInviteRole] = useState<Role>("viewer");
  const [link, setLink] = useState<string | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["members", ws] });
    void qc.invalidateQueries({ queryKey: ["invitations", ws] });
  };
  const invite = useMutation({
    mutationFn: () => post<{ link: string }>(`/workspaces/${ws}/members`, { email, role: inviteRole }),
    onSuccess: (r) => {
      setLink(r.link);
      setEmail("");
      refresh();
    },
  });
  const change = useMutation({
    mutationFn: (m: { id: string; role: Role }) =>
      patch(`/workspaces/${ws}/members/${m.id}`, { role: m.role }),
    onSuccess: () => {
      toast(t("common.saved"));
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`/workspaces/${ws}/members/${id}`),
    onSuccess: refresh,
  });
  const revokeInvite = useMutation({
    mutationFn: (id: string) => del(`/workspaces/${ws}/invitations/${id}`),
    onSuccess: refresh,
  });
  const error = [invite, change, remove, revokeInvite].find((m) => m.error)?.error;
  function submit(e: FormEvent) {
    e.preventDefault();
    invite.mutate();
  }
  return (
    <>
      {isAdmin && (
        <form className="row" onSubmit={submit}>
          <div className="field">
            <label htmlFor="invite-email">{t("auth.email")}</label>
            <input
              id="invite-email"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="invite-role">{t("settings.role")}</label>
            <select
              id="invite-role"
              value={inviteRole}
              onChange={(e) => setInviteRole(e.target.value as Role)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={invite.isPending}>
            {t("settings.invite")}
          </button>
        </form>
      )}
      <ErrorNote error={error ? errorText(error) : null} />
      {members.isPending ? (
        <Skeleton />
      ) : members.error ? (
        <ErrorNote error={errorText(members.error)} />
      ) : (
        <ul className="cards" aria-label={t("settings.members")}>
          {members.data.items.map((m) => (
            <li key={m.user_id} className="card-row">
              <div>
                <strong>{m.name}</strong> <span className="hint">{m.email}</span>
                <div className="hint">{t("settings.since", { date: formatDate(m.created_at) })}</div>
              </div>
              {isAdmin ? (
                <div className="row">
                  <label className="sr-only" htmlFor={`role-${m.user_id}`}>
                    {t("settings.roleOf", { name: m.name })}
                  </label>
                  <select
                    id={`role-${m.user_id}`}
                    value={m.role}
                    onChange={(e) => change.mutate({ id: m.user_id, role: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="small" onClick={() => remove.mutate(m.user_id)}>
                    {t("settings.remove")}
                    <span className="sr-only"> {m.name}</span>
                  </button>
                </div>
              ) : (
                <span className="badge">{t(`role.${m.role}`)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {isAdmin && invitations.data && invitations.data.items.length > 0 && (
        <>
          <h3>{t("settings.pendingInvites")}</h3>
          <ul className="cards">
            {invitations.data.items.map((i) => (
              <li key={i.id} className="card-row">
                <div>
                  {i.email} <span className="badge">{t(`role.${i.role}`)}</span>
                  <div className="hint">{t("settings.expires", { date: formatDate(i.expires_at) })}</div>
                </div>
                <button type="button" className="small" onClick={() => revokeInvite.mutate(i.id)}>
                  {t("settings.revoke")}
                  <span className="sr-only"> {i.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <ShownOnce title={t("settings.inviteLink")} secret={link} onClose={() => setLink(null)} />
    </>
  );
}

function TokensSection({ ws, canEdit }: ViewProps) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ["tokens", ws],
    queryFn: () => get<Page<ApiToken>>(`/workspaces/${ws}/tokens`),
  });
  const [name, setName] = useState("");
  const [write, setWrite] = useState(false);
  const [expires, setExpires] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ["tokens", ws] });
  const create = useMutation({
    mutationFn: () =>
      post<{ token: string }>(`/workspaces/${ws}/tokens`, {
        name,
        scopes: write ? ["read", "write"] : ["read"],
        expires_at: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
      }),
    onSuccess: (r) => {
      setSecret(r.token);
      setName("");
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del(`/workspaces/${ws}/tokens/${id}`),
    onSuccess: refresh,
  });
  const error = create.error ?? revoke.error;
  return (
    <>
      <p className="hint">{t("settings.tokensIntro")}</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="token-name">{t("settings.tokenName")}</label>
          <input
            id="token-name"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <fieldset className="scopes">
          <legend>{t("settings.scopes")}</legend>
          <label className="check">
            <input type="checkbox" checked disabled /> {t("settings.scope.read")}
          </label>
          {canEdit && (
            <label className="check">
              <input type="checkbox" checked={write} onChange={(e) => setWrite(e.target.checked)} />{" "}
              {t("settings.scope.write")}
            </label>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="token-expiry">{t("settings.expiry")}</label>
          <input id="token-expiry" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t("settings.createToken")}
        </button>
      </form>
      <ErrorNote error={error ? errorText(error) : null} />
      {q.isPending ? (
        <Skeleton />
      ) : q.error ? (
        <ErrorNote error={errorText(q.error)} />
      ) : q.data.items.length === 0 ? (
        <EmptyState>{t("settings.noTokens")}</EmptyState>
      ) : (
        <ul className="cards" aria-label={t("settings.tokens")}>
          {q.data.items.map((k) => (
            <li key={k.id} className="card-row">
              <div>
                <strong>{k.name}</strong> <code>{k.prefix}…</code>{" "}
                {k.scopes.map((s) => (
                  <span key={s} className="badge">
                    {t(`settings.scope.${s}` as MessageKey)}
                  </span>
                ))}
                <div className="hint">
                  {t("settings.created", { date: formatDate(k.created_at) })} ·{" "}
                  {k.expires_at
                    ? t("settings.expires", { date: formatDate(k.expires_at) })
                    : t("settings.noExpiry")}{" "}
                  ·{" "}
                  {k.last_used_at
                    ? t("settings.lastUsed", { date: formatDate(k.last_used_at) })
                    : t("settings.neverUsed")}
                </div>
              </div>
              {k.revoked_at ? (
                <span className="badge">{t("settings.revoked")}</span>
              ) : (
                <button type="button" className="small" onClick={() => revoke.mutate(k.id)}>
                  {t("settings.revoke")}
                  <span className="sr-only"> {k.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ShownOnce title={t("settings.newToken")} secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}

function AgentsSection({ ws, role }: ViewProps) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const isAdmin = role === "admin";
  const q = useQuery({
    queryKey: ["agents", ws],
    queryFn: () => get<Page<Agent>>(`/workspaces/${ws}/agents`),
  });
  const [name, setName] = useState("");
  const [region, setRegion] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ["agents", ws] });
  const create = useMutation({
    mutationFn: () => post<{ token: string }>(`/workspaces/${ws}/agents`, { name, region }),
    onSuccess: (r) => {
      setSecret(r.token);
      setName("");
      setRegion("");
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del(`/workspaces/${ws}/agents/${id}`),
    onSuccess: refresh,
  });
  const error = create.error ?? revoke.error;
  return (
    <>
      <p className="hint">{t("settings.agentsIntro")}</p>
      {isAdmin && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <div className="field">
            <label htmlFor="agent-name">{t("settings.agentName")}</label>
            <input
              id="agent-name"
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="agent-region">{t("settings.region")}</label>
            <input
              id="agent-region"
              required
              maxLength={64}
              value={region}
              placeholder="cn-east"
              onChange={(e) => setRegion(e.target.value)}
            />
          </div>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t("settings.registerAgent")}
          </button>
        </form>
      )}
      <ErrorNote error={error ? errorText(error) : null} />
      {q.isPending ? (
        <Skeleton />
      ) : q.error ? (
        <ErrorNote error={errorText(q.error)} />
      ) : q.data.items.length === 0 ? (
        <EmptyState>{t("settings.noAgents")}</EmptyState>
      ) : (
        <ul className="cards" aria-label={t("settings.agents")}>
          {q.data.items.map((a) => (
            <li key={a.id} className="card-row">
              <div>
                <strong>{a.name}</strong> <span className="badge">{a.region}</span>
                <div className="hint">
                  {a.last_seen_at
                    ? t("settings.lastSeen", { date: formatDate(a.last_seen_at) })
                    : t("settings.neverSeen")}
                  {a.last_skew_ms != null && (
                    <span data-testid="agent-skew">
                      {" · "}
                      {t("agents.skew", { ms: a.last_skew_ms.toLocaleString() })}
                      {a.skew_flagged && <strong> {t("agents.skewFlagged")}</strong>}
                    </span>
                  )}
                </div>
              </div>
              {a.revoked_at ? (
                <span className="badge">{t("settings.revoked")}</span>
              ) : (
                isAdmin && (
                  <button type="button" className="small" onClick={() => revoke.mutate(a.id)}>
                    {t("settings.revoke")}
                    <span className="sr-only"> {a.name}</span>
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      <ShownOnce title={t("settings.agentToken")} secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}

function ExportSection({ ws, role }: ViewProps) {
  const { t } = useI18n();
  if (role !== "admin") return <p>{t("settings.exportAdminOnly")}</p>;
  return (
    <>
      <p>{t("settings.exportIntro")}</p>
      <p>
        <a className="button primary" href={`/api/v1/workspaces/${ws}/export`} download>
          {t("settings.exportButton")}
        </a>
      </p>
      <h3>{t("settings.importTitle")}</h3>
      <p className="hint">{t("settings.importIntro")}</p>
    </>
  );
}
