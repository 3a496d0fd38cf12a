import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { ApiError, api, del, errorText, get, type ProblemError, post, put } from "../api/client";
import type { ContractRow, DocumentRow, Page, ReviewRow } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { ViewProps } from "../shell/app";
import { EmptyState, ErrorNote } from "../shell/notes";
import { Skeleton } from "../shell/skeleton";
import { useToast } from "../shell/toasts";
import ContractHistory from "./contract-history";

type Editing = { id: string | null; version: number | null; yaml: string; vendorId?: string | null };
type EditorError = { text: string; line: number | null; errors: ProblemError[] };

// CodeMirror is its own chunk, fetched when a contract is opened.
const CodeEditor = lazy(() => import("./code-editor"));

/** Contracts (terms-as-code YAML): list, edit with validation messages by line, start from a review. */
export function ContractsView({ ws, canEdit }: ViewProps) {
  const { t } = useI18n();
  const [list, setList] = useState<ContractRow[] | null>(null);
  const [docs, setDocs] = useState<DocumentRow[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setErrorState] = useState<EditorError | null>(null);
  const setError = useCallback(
    (e: { text: string; line: number | null; errors?: ProblemError[] } | null) =>
      setErrorState(e ? { ...e, errors: e.errors ?? [] } : null),
    [],
  );
  const { toast } = useToast();
  const [saved, setSaved] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setList((await get<Page<ContractRow>>(`/workspaces/${ws}/contracts?limit=200`)).items);
      setDocs((await get<Page<DocumentRow>>(`/workspaces/${ws}/documents?limit=200`)).items);
    } catch (err) {
      setError({ text: errorText(err), line: null });
    }
  }, [ws, setError]);
  useEffect(() => void refresh(), [refresh]);

  // a link to one contract (from a ticket's policy): /contracts?contract=ID
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival
  useEffect(() => {
    const linked = new URLSearchParams(location.search).get("contract");
    if (linked) void open(linked);
  }, []);

  async function open(id: string) {
    setError(null);
    setSaved(false);
    try {
      const c = await get<ContractRow & { yaml: string }>(`/workspaces/${ws}/contracts/${id}`);
      setEditing({ id: c.id, version: c.version, yaml: c.yaml });
    } catch (err) {
      setError({ text: errorText(err), line: null });
    }
  }
  async function fromDocument(documentId: string) {
    if (!documentId) return;
    setError(null);
    try {
      const reviews = await get<Page<ReviewRow>>(`/workspaces/${ws}/reviews?document_id=${documentId}`);
      const review = reviews.items[0];
      if (!review) throw new Error(t("contracts.noReview"));
      // A draft from the review: nothing is stored until Save.
      const yaml = await api<string>(
        "GET",
        `/workspaces/${ws}/reviews/${review.id}/export?format=yaml`,
        undefined,
        {
          headers: { accept: "application/yaml" },
        },
      );
      const doc = docs.find((d) => d.id === documentId);
      setSaved(false);
      setEditing({ id: null, version: null, yaml, vendorId: doc?.vendor_id ?? null });
    } catch (err) {
      setError({ text: errorText(err), line: null });
    }
  }
  async function save() {
    if (!editing) return;
    setError(null);
    setSaved(false);
    try {
      const body = { yaml: editing.yaml, version: editing.version ?? undefined };
      const c = editing.id
        ? await put<ContractRow>(`/workspaces/${ws}/contracts/${editing.id}`, body)
        : await post<ContractRow>(`/workspaces/${ws}/contracts`, {
            yaml: editing.yaml,
            ...(editing.vendorId ? { vendor_id: editing.vendorId } : {}),
          });
      setEditing({ ...editing, id: c.id, version: c.version });
      setSaved(true);
      await refresh();
    } catch (err) {
      setError({
        text: errorText(err),
        line: err instanceof ApiError ? err.line : null,
        errors: err instanceof ApiError ? err.errors : [],
      });
    }
  }
  async function remove() {
    if (!editing?.id) return;
    if (!window.confirm(t("contracts.confirmDelete"))) return;
    setError(null);
    try {
      await del(`/workspaces/${ws}/contracts/${editing.id}`);
      setEditing(null);
      toast(t("contracts.deleted"));
      await refresh();
    } catch (err) {
      setError({ text: errorText(err), line: null });
    }
  }

  return (
    <div className="contracts-view">
      <h1>{t("contracts.title")}</h1>
      {list && list.length === 0 && !editing && <EmptyState>{t("contracts.empty")}</EmptyState>}
      <div className="toolbar">
        {canEdit && (
          <button type="button" onClick={() => setEditing({ id: null, version: null, yaml: "" })}>
            {t("common.new")}
          </button>
        )}
        {canEdit && docs.length > 0 && (
          <div className="field inline">
            <label htmlFor="contract-from">{t("contracts.fromReview")}</label>
            <select id="contract-from" value="" onChange={(e) => fromDocument(e.target.value)}>
              <option value="">—</option>
              {docs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="split narrow-left">
        <ul className="list" aria-label={t("contracts.title")}>
          {list?.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="link"
                aria-current={editing?.id === c.id ? "true" : undefined}
                onClick={() => open(c.id)}
              >
                {c.name}
              </button>
              <span className="hint">
                {c.valid_from ? `${c.valid_from} – ${c.valid_to ?? ""}` : ""} v{c.version}
              </span>
            </li>
          ))}
        </ul>
        {editing && (
          <div>
            {editing.id === null && editing.yaml && <p className="note info">{t("contracts.draft")}</p>}
            <Suspense fallback={<Skeleton lines={8} />}>
              <CodeEditor
                id="contract-yaml"
                label={t("contracts.yaml")}
                value={editing.yaml}
                readOnly={!canEdit}
                errors={error?.errors ?? []}
                describedBy={error?.line != null ? "contract-yaml-error" : undefined}
                onChange={(yaml) => setEditing((cur) => (cur ? { ...cur, yaml } : cur))}
              />
            </Suspense>
            {error?.line != null ? (
              <p className="note error" role="alert" id="contract-yaml-error">
                {/* translated problem texts already lead with the line */}
                {error.text.includes(String(error.line))
                  ? error.text
                  : t("contracts.lineError", { line: error.line, detail: error.text })}
              </p>
            ) : null}
            {saved && <p className="note ok">{t("contracts.saved")}</p>}
            {canEdit && (
              <div className="row">
                <button type="button" className="primary" onClick={save}>
                  {t("common.save")}
                </button>
                {editing.id && (
                  <button type="button" onClick={remove}>
                    {t("contracts.delete")}
                  </button>
                )}
              </div>
            )}
            {editing.id && editing.version !== null && (
              <ContractHistory ws={ws} contractId={editing.id} version={editing.version} />
            )}
          </div>
        )}
      </div>
      {error?.line == null && <ErrorNote error={error?.text ?? null} />}
    </div>
  );
}
