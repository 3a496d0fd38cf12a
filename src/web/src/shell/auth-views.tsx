import { type FormEvent, useState } from "react";
import { errorText, post } from "../api/client";
import { useI18n } from "../i18n/i18n";
import { LangSwitch } from "./lang-switch";
import { ErrorNote } from "./notes";
import { navigate } from "./router";
import { rememberWorkspace } from "./session";

function Field(props: {
  id: string;
  label: string;
  type?: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? "text"}
        value={props.value}
        autoComplete={props.autoComplete}
        required
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export function LoginView({ onLoggedIn, notice }: { onLoggedIn: () => Promise<void>; notice?: string }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post("/auth/login", { email, password });
      navigate("/");
      await onLoggedIn();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main className="auth-card">
      <div className="auth-head">
        <h1>{t("auth.loginTitle")}</h1>
        <LangSwitch />
      </div>
      {notice && <p className="note ok">{notice}</p>}
      <form onSubmit={submit}>
        <Field
          id="login-email"
          label={t("auth.email")}
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="username"
        />
        <Field
          id="login-password"
          label={t("auth.password")}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t("auth.login")}
        </button>
      </form>
    </main>
  );
}

export function SetupView({ onDone }: { onDone: (notice: string) => void }) {
  const { t } = useI18n();
  const token = new URLSearchParams(location.search).get("token") ?? "";
  const [form, setForm] = useState({ name: "", email: "", password: "", workspace: "" });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const done = await post<{ workspace?: { id: string } }>("/setup", {
        token,
        ...form,
        workspace: form.workspace || undefined,
      });
      // After setup the user lands in the workspace just created, not the demo one.
      if (done?.workspace?.id) rememberWorkspace(done.workspace.id);
      navigate("/login");
      onDone(t("auth.setupDone"));
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <main className="auth-card">
      <div className="auth-head">
        <h1>{t("auth.setupTitle")}</h1>
        <LangSwitch />
      </div>
      {token ? <p>{t("auth.setupIntro")}</p> : <p className="note warn">{t("auth.setupMissing")}</p>}
      <form onSubmit={submit}>
        <Field
          id="setup-name"
          label={t("auth.name")}
          value={form.name}
          onChange={set("name")}
          autoComplete="name"
        />
        <Field
          id="setup-email"
          label={t("auth.email")}
          type="email"
          value={form.email}
          onChange={set("email")}
          autoComplete="username"
        />
        <Field
          id="setup-password"
          label={t("auth.password")}
          type="password"
          value={form.password}
          onChange={set("password")}
          autoComplete="new-password"
        />
        <div className="field">
          <label htmlFor="setup-workspace">{t("auth.workspace")}</label>
          <input
            id="setup-workspace"
            value={form.workspace}
            onChange={(e) => set("workspace")(e.target.value)}
          />
        </div>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={!token}>
          {t("auth.setupButton")}
        </button>
      </form>
    </main>
  );
}
