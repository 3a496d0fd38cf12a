import { useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { ApiError, errorText, get, post, put } from "../api/client";
import type { ContractRow, Page, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { topicLabel } from "../i18n/topic-labels";
import { EmptyState, ErrorNote } from "../shell/notes";
import { Skeleton } from "../shell/skeleton";
import type {
  CommitmentChange,
  FetchResult,
  VendorFinding,
  Watch,
  WatchDeclaration,
  WatchState,
  WatchVersion,
} from "./watch-types";

const CodeEditor = lazy(() => import("../enforce/code-editor"));

/** Darker shades keep a 4.5:1 contrast on white (WCAG AA). */
const STATE_COLOR: Record<WatchState, string> = {
  pending: "#51565e",
  ok: "#1b6e3f",
  broken: "#a3261f",
  unreachable: "#7a5600",
};

interface Props {
  ws: string;
  canEdit: boolean;
  vendorId: string;
  vendors: Vendor[];
}

interface Draft {
  vendor_id: string;
  name: string;
  url: string;
  mode: "selectors" | "whole";
  keep: string;
  remove: string;
  whole: "pdf" | "docx" | "html" | "txt" | "md";
  every_hours: number;
  jitter_minutes: number;
  contract_id: string;
}

function draftOf(d: WatchDeclaration | null, vendorId: string): Draft {
  const ex = d?.extract;
  return {
    vendor_id: d?.vendor_id ?? vendorId,
    name: d?.name ?? "",
    url: d?.url ?? "https://",
    mode: ex && "whole" in ex ? "whole" : "selectors",
    keep: ex && "keep" in ex ? ex.keep.join("\n") : "main",
    remove: ex && "keep" in ex ? (ex.remove ?? []).join("\n") : "",
    whole: ex && "whole" in ex ? ex.whole : "pdf",
    every_hours: d?.schedule.every_hours ?? 12,
    jitter_minutes: d?.schedule.jitter_minutes ?? 60,
    contract_id: d?.contract_id ?? "",
  };
}

const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

function declarationOf(d: Draft): WatchDeclaration {
  return {
    vendor_id: d.vendor_id,
    name: d.name.trim(),
    url: d.url.trim(),
    extract: d.mode === "whole" ? { whole: d.whole } : { keep: lines(d.keep), remove: lines(d.remove) },
    schedule: { every_hours: Number(d.every_hours), jitter_minutes: Number(d.jitter_minutes) },
    contract_id: d.contract_id || null,
  };
}

export function StateBadge({ state }: { state: WatchState }) {
  const { t } = useI18n();
  return (
    <span className="badge" style={{ color: STATE_COLOR[state] ?? "#51565e", fontWeight: 600 }}>
      ● {t(`watch.state.${state}` as MessageKey)}
    </span>
  );
}

/** What a fetch (dry run or stored check) found, in words; the extracted text of a dry run below it. */
function FetchOutcome({ result }: { result: FetchResult }) {
  const { t } = useI18n();
  const tone = result.outcome === "broken" || result.outcome === "unreachable" ? "error" : "ok";
  const message =
    result.outcome === "broken" || result.outcome === "unreachable"
      ? t(`watch.outcome.${result.outcome}` as MessageKey, { reason: "" })
      : t(`watch.outcome.${result.outcome}` as MessageKey, { chars: result.chars ?? 0 });
  return (
    <div className="watch-dry-run" aria-live="polite">
      {result.text_preview !== undefined && <p className="hint">{t("watch.dryRunResult")}</p>}
      <p className={`note ${tone}`}>
        {message} {result.reason && <code>{result.reason}</code>}
        {result.changed === true && ` ${t("watch.changedSinceLast")}`}
        {result.changed === false && result.outcome === "ok" && ` ${t("watch.sameAsLast")}`}
      </p>
      {result.text_preview && (
        <>
          <h4>{t("watch.extracted")}</h4>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling text must be reachable by keyboard (axe scrollable-region-focusable) */}
          <pre className="watch-text" tabIndex={0}>
            {result.text_preview}
          </pre>
        </>
      )}
    </div>
  );
}

function WatchForm({
  ws,
  initial,
  vendors,
  onDone,
}: {
  ws: string;
  initial: Draft;
  vendors: Vendor[];
  onDone: (saved: Watch | null) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [dry, setDry] = useState<FetchResult | null>(null);
  const [busy, setBusy] = useState(false);
  const contracts = useQuery({
    queryKey: ["contracts", ws],
    queryFn: () => get<Page<ContractRow>>(`/workspaces/${ws}/contracts?limit=200`),
  });
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const dryRun = () =>
    run(async () => {
      setDry(null);
      setDry(
        await post<FetchResult>(`/workspaces/${ws}/watches/fetch-now`, { declaration: declarationOf(draft) }),
      );
    });
  const save = () =>
    run(async () => onDone(await put<Watch>(`/workspaces/${ws}/watches`, declarationOf(draft))));
  const field = (id: string, label: MessageKey, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      {input}
    </div>
  );
  return (
    <form
      className="watch-card watch-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {field(
        "wf-vendor",
        "watch.vendor",
        <select
          id="wf-vendor"
          required
          value={draft.vendor_id}
          onChange={(e) => set("vendor_id", e.target.value)}
        >
          <option value="" disabled>
            —
          </option>
          {vendors.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>,
      )}
      {field(
        "wf-name",
        "watch.name",
        <input id="wf-name" required value={draft.name} onChange={(e) => set("name", e.target.value)} />,
      )}
      {field(
        "wf-url",
        "watch.url",
        <input
          id="wf-url"
          type="url"
          required
          value={draft.url}
          onChange={(e) => set("url", e.target.value)}
        />,
      )}
      <fieldset>
        <legend>{t("watch.extractMode")}</legend>
        {(["selectors", "whole"] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" name="wf-mode" checked={draft.mode === m} onChange={() => set("mode", m)} />{" "}
            {t(`watch.mode.${m}` as MessageKey)}
          </label>
        ))}
        {draft.mode === "selectors" ? (
          <div className="row">
            {field(
              "wf-keep",
              "watch.keep",
              <textarea
                id="wf-keep"
                rows={3}
                value={draft.keep}
                onChange={(e) => set("keep", e.target.value)}
              />,
            )}
            {field(
              "wf-remove",
              "watch.remove",
              <textarea
                id="wf-remove"
                rows={3}
                value={draft.remove}
                onChange={(e) => set("remove", e.target.value)}
              />,
            )}
          </div>
        ) : (
          field(
            "wf-whole",
            "watch.format",
            <select
              id="wf-whole"
              value={draft.whole}
              onChange={(e) => set("whole", e.target.value as Draft["whole"])}
            >
              {(["pdf", "docx", "html", "txt", "md"] as const).map((f) => (
                <option key={f} value={f}>
                  {f.toUpperCase()}
                </option>
              ))}
            </select>,
          )
        )}
      </fieldset>
      <div className="row">
        {field(
          "wf-every",
          "watch.everyHours",
          <input
            id="wf-every"
            type="number"
            min={1}
            max={336}
            value={draft.every_hours}
            onChange={(e) => set("every_hours", Number(e.target.value))}
          />,
        )}
        {field(
          "wf-jitter",
          "watch.jitter",
          <input
            id="wf-jitter"
            type="number"
            min={0}
            max={1440}
            value={draft.jitter_minutes}
            onChange={(e) => set("jitter_minutes", Number(e.target.value))}
          />,
        )}
        {field(
          "wf-contract",
          "watch.contract",
          <select
            id="wf-contract"
            value={draft.contract_id}
            onChange={(e) => set("contract_id", e.target.value)}
          >
            <option value="">{t("watch.noContract")}</option>
            {(contracts.data?.items ?? [])
              .filter((c) => !draft.vendor_id || c.vendor_id === draft.vendor_id)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>,
        )}
      </div>
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t("common.save")}
        </button>
        <button type="button" onClick={() => void dryRun()} disabled={busy}>
          {t("watch.dryRun")}
        </button>
        <button type="button" className="ghost" onClick={() => onDone(null)}>
          {t("common.cancel")}
        </button>
      </div>
      {dry && <FetchOutcome result={dry} />}
    </form>
  );
}

/** The termsight.watch/v1 file in the contracts' CodeMirror editor; applied in one transaction. */
function YamlEditor({ ws, canEdit, onDone }: { ws: string; canEdit: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const file = useQuery({
    queryKey: ["watches.yaml", ws],
    queryFn: () => get<string>(`/workspaces/${ws}/watches.yaml`),
  });
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  if (file.isPending) return <Skeleton lines={6} />;
  const value = text ?? file.data ?? "";
  const apply = async () => {
    setError(null);
    setSaved(null);
    try {
      const out = await post<Watch[]>(`/workspaces/${ws}/watches.yaml`, { yaml: value });
      setSaved(out.length);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, errorText(err)));
    }
  };
  return (
    <div className="watch-card">
      <p className="hint">
        {t("watch.yamlLabel")} <code>termsight.watch/v1</code>
      </p>
      <Suspense fallback={<Skeleton lines={6} />}>
        <CodeEditor
          id="watch-yaml"
          label={t("watch.yamlLabel")}
          value={value}
          readOnly={!canEdit}
          errors={error?.errors ?? []}
          describedBy={error ? "watch-yaml-error" : undefined}
          onChange={setText}
        />
      </Suspense>
      {error && (
        <p className="note error" role="alert" id="watch-yaml-error">
          {errorText(error)}
        </p>
      )}
      {saved !== null && <p className="note ok">{t("watch.yamlApplied", { n: saved })}</p>}
      {canEdit && (
        <button type="button" className="primary" onClick={() => void apply()}>
          {t("watch.yamlApply")}
        </button>
      )}
    </div>
  );
}

function EvidenceList({ items, label }: { items: { text: string; line: number }[]; label: string }) {
  const { t } = useI18n();
  return (
    <div className="watch-evidence">
      <strong>{label}</strong>
      {items.length === 0 ? (
        <p className="hint">—</p>
      ) : (
        items.map((e) => (
          <blockquote key={`${e.line}:${e.text}`}>
            <span className="hint">{t("watch.line", { line: e.line })}</span> {e.text}
          </blockquote>
        ))
      )}
    </div>
  );
}

function ChangeList({ changes, title }: { changes: CommitmentChange[] | null; title: string }) {
  const { t, lang } = useI18n();
  return (
    <section>
      <h4>{title}</h4>
      {!changes?.length ? (
        <p className="hint">{t("watch.noChanges")}</p>
      ) : (
        <ul className="cards">
          {changes.map((c) => (
            <li key={c.id} className="card-row watch-change">
              <div>
                <strong>{topicLabel(c.topic, lang)}</strong>{" "}
                <span className={`badge dir-${c.direction}`}>
                  {t(`watch.dir.${c.direction}` as MessageKey)}
                </span>{" "}
                <code>{c.summary}</code>
              </div>
              <div className="watch-spans">
                <EvidenceList items={c.before_evidence} label={t("watch.before")} />
                <EvidenceList items={c.after_evidence} label={t("watch.after")} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Versions({ ws, watchId }: { ws: string; watchId: string }) {
  const { t, formatDate } = useI18n();
  const versions = useQuery({
    queryKey: ["watch-versions", ws, watchId],
    queryFn: () => get<WatchVersion[]>(`/workspaces/${ws}/watches/${watchId}/versions`),
  });
  if (versions.isPending) return <Skeleton lines={3} />;
  if (versions.error) return <ErrorNote error={errorText(versions.error)} />;
  if (!versions.data.length) return <EmptyState>{t("watch.noVersions")}</EmptyState>;
  return (
    <ol className="watch-versions">
      {versions.data.map((v) => (
        <li key={v.id}>
          <h3>{t("watch.version", { at: formatDate(v.created_at) })}</h3>
          {!v.previous_document_id ? (
            <p className="hint">{t("watch.firstVersion")}</p>
          ) : (
            <div className="split watch-diff">
              <div>
                <ChangeList changes={v.changes} title={t("watch.commitmentDiff")} />
                {v.contract_changes && (
                  <ChangeList changes={v.contract_changes} title={t("watch.contractDiff")} />
                )}
              </div>
              {v.text_diff && (
                <section>
                  <h4>
                    {t("watch.textDiff", {
                      added: v.text_diff.added_lines,
                      removed: v.text_diff.removed_lines,
                    })}
                  </h4>
                  {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling text must be reachable by keyboard (axe scrollable-region-focusable) */}
                  <pre className="watch-text" tabIndex={0}>
                    <code>
                      {v.text_diff.unified.split("\n").map((line, i) => (
                        <span
                          // biome-ignore lint/suspicious/noArrayIndexKey: lines of one fixed text
                          key={i}
                          className={line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : undefined}
                        >
                          {line}
                          {"\n"}
                        </span>
                      ))}
                    </code>
                  </pre>
                </section>
              )}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function Findings({ ws, vendorId }: { ws: string; vendorId: string }) {
  const { t, formatDate } = useI18n();
  const findings = useQuery({
    queryKey: ["watch-findings", ws, vendorId],
    queryFn: () => get<VendorFinding[]>(`/workspaces/${ws}/vendors/${vendorId}/watch-findings`),
  });
  return (
    <section aria-labelledby="watch-findings-h">
      <h2 id="watch-findings-h">{t("watch.findings")}</h2>
      {findings.data?.length ? (
        <ul className="cards">
          {findings.data.map((f) => (
            <li key={f.id} className="card-row">
              <div>
                <span className="badge">{t(`watch.severity.${f.severity}` as MessageKey)}</span>{" "}
                <code>{f.title}</code>
              </div>
              <span className="hint">{formatDate(f.created_at)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t("watch.noFindings")}</EmptyState>
      )}
    </section>
  );
}

/** The watched documents (state, reason, last fetch), the form and YAML editor, a dry run, versions and findings. */
export function WatchedDocuments({ ws, canEdit, vendorId, vendors }: Props) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Draft | null>(null);
  const [yaml, setYaml] = useState(false);
  const [picked, setPicked] = useState("");
  const [result, setResult] = useState<{ id: string; result: FetchResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const watches = useQuery({
    queryKey: ["watches", ws, vendorId],
    queryFn: () => get<Watch[]>(`/workspaces/${ws}/watches${vendorId ? `?vendor_id=${vendorId}` : ""}`),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ["watches", ws] });
  const vendorName = (id: string) => vendors.find((v) => v.id === id)?.name ?? id;
  const fetchNow = async (w: Watch, dryRun: boolean) => {
    setError(null);
    setResult(null);
    try {
      const r = await post<FetchResult>(`/workspaces/${ws}/watches/${w.id}/fetch-now`, { dry_run: dryRun });
      setResult({ id: w.id, result: r });
      if (!dryRun) {
        refresh();
        void qc.invalidateQueries({ queryKey: ["watch-versions", ws, w.id] });
        void qc.invalidateQueries({ queryKey: ["watch-findings", ws] });
      }
    } catch (err) {
      setError(errorText(err));
    }
  };
  const list = watches.data ?? [];
  const current = list.find((w) => w.id === picked) ?? list[0];
  return (
    <section aria-labelledby="watch-docs-h">
      <h2 id="watch-docs-h">{t("watch.tab.documents")}</h2>
      {canEdit && (
        <div className="row">
          <button type="button" onClick={() => setEditing(draftOf(null, vendorId))}>
            {t("watch.add")}
          </button>
          <button type="button" onClick={() => setYaml((y) => !y)} aria-expanded={yaml}>
            {t("watch.editYaml")}
          </button>
        </div>
      )}
      {editing && (
        <WatchForm
          key={`${editing.vendor_id}:${editing.name}`}
          ws={ws}
          initial={editing}
          vendors={vendors}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              refresh();
              setPicked(saved.id);
            }
          }}
        />
      )}
      {yaml && <YamlEditor ws={ws} canEdit={canEdit} onDone={refresh} />}
      <ErrorNote error={error ?? (watches.error ? errorText(watches.error) : null)} />
      {watches.isPending ? (
        <Skeleton lines={4} />
      ) : list.length === 0 ? (
        <EmptyState>{t("watch.empty")}</EmptyState>
      ) : (
        <ul className="cards" aria-label={t("watch.tab.documents")}>
          {list.map((w) => (
            <li key={w.id} className="card-row">
              <div>
                <button
                  type="button"
                  className="link"
                  aria-current={current?.id === w.id ? "true" : undefined}
                  onClick={() => setPicked(w.id)}
                >
                  {w.name}
                </button>{" "}
                <StateBadge state={w.state} />
                <div className="hint">
                  {vendorName(w.vendor_id)} · <code>{w.declaration.url}</code>
                </div>
                {w.broken_reason && (w.state === "broken" || w.state === "unreachable") && (
                  <div className="note error">
                    <code>{w.broken_reason}</code>
                  </div>
                )}
                <div className="hint">
                  {w.last_fetched_at
                    ? t("watch.lastFetch", { at: formatDate(w.last_fetched_at) })
                    : t("watch.neverFetched")}{" "}
                  · {t("watch.nextDue", { at: formatDate(w.next_due_at) })}
                </div>
              </div>
              <div className="row">
                <button type="button" onClick={() => void fetchNow(w, true)}>
                  {t("watch.dryRun")}
                </button>
                {canEdit && (
                  <>
                    <button type="button" onClick={() => void fetchNow(w, false)}>
                      {t("watch.checkNow")}
                    </button>
                    <button type="button" onClick={() => setEditing(draftOf(w.declaration, w.vendor_id))}>
                      {t("watch.edit")}
                    </button>
                  </>
                )}
              </div>
              {result?.id === w.id && <FetchOutcome result={result.result} />}
            </li>
          ))}
        </ul>
      )}
      {current && (
        <section aria-labelledby="watch-versions-h">
          <h2 id="watch-versions-h">
            {t("watch.versions")} · {current.name}
          </h2>
          <Versions ws={ws} watchId={current.id} />
        </section>
      )}
      {vendorId ? <Findings ws={ws} vendorId={vendorId} /> : <p className="hint">{t("watch.pickVendor")}</p>}
    </section>
  );
}
