import { type FormEvent, useEffect, useState } from "react";
import { errorText, get, post } from "../api/client";
import { useI18n } from "../i18n/i18n";
import { LangSwitch } from "./lang-switch";
import { ErrorNote } from "./notes";
import { navigate } from "./router";

interface Invitation {
  workspace: { id: string; name: string };
  email: string;
  role: string;
}

const linkToken = () => new URLSearchParams(location.search).get("token") ?? "";

/**
 * The invitation link (`/invite?token=…`). Logged in as the invited email: one button. Anonymous:
 * name and password create the invited account (an existing account is told to log in first).
 */
export function InviteView({ loggedIn, onDone }: { loggedIn: boolean; onDone: (notice?: string) => void }) {
  const { t } = useI18n();
  const token = linkToken();
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [form, setForm] = useState({ name: "", password: "" });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<Invitation>(`/invitations/${encodeURIComponent(token)}`)
      .then(setInvitation)
      .catch((err) => setError(errorText(err)));
  }, [token]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await post(`/invitations/${encodeURIComponent(token)}/accept`, loggedIn ? {} : form);
      navigate(loggedIn ? "/review" : "/login");
      onDone(loggedIn ? undefined : t("auth.inviteDone"));
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <main className="auth-card">
      <div className="auth-head">
        <h1>{t("auth.inviteTitle")}</h1>
        <LangSwitch />
      </div>
      {invitation && (
        <p>
          {t("auth.inviteIntro", {
            workspace: invitation.workspace.name,
            email: invitation.email,
            role: invitation.role,
          })}
        </p>
      )}
      <form onSubmit={submit}>
        {!loggedIn && (
          <>
            <div className="field">
              <label htmlFor="invite-name">{t("auth.name")}</label>
              <input
                id="invite-name"
                value={form.name}
                autoComplete="name"
                required
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="invite-password">{t("auth.password")}</label>
              <input
                id="invite-password"
                type="password"
                value={form.password}
                autoComplete="new-password"
                required
                onChange={(e) => setForm({ ...form, password: e.target.value })}
              />
            </div>
          </>
        )}
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={!invitation}>
          {t("auth.inviteButton")}
        </button>
      </form>
    </main>
  );
}

/** The admin-issued reset link (`/reset-password?token=…`): sets a new password once. */
export function ResetPasswordView({ onDone }: { onDone: (notice: string) => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await post("/auth/password-reset", { token: linkToken(), password });
      navigate("/login");
      onDone(t("auth.resetDone"));
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <main className="auth-card">
      <div className="auth-head">
        <h1>{t("auth.resetTitle")}</h1>
        <LangSwitch />
      </div>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="reset-password">{t("auth.newPassword")}</label>
          <input
            id="reset-password"
            type="password"
            value={password}
            autoComplete="new-password"
            required
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <ErrorNote error={error} />
        <button type="submit" className="primary">
          {t("auth.resetButton")}
        </button>
      </form>
    </main>
  );
}
