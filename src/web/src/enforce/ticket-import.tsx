import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, errorText, get, post } from "../api/client";
import type { Page, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { go, type ViewProps } from "../shell/app";
import { EmptyState } from "../shell/notes";
import { useToast } from "../shell/toasts";
import { SeveritySelect } from "./severity-select";

interface ImportJob {
  import_id?: string;
  id: string;
  status: "running" | "done" | "failed";
  total: number;
  done: number;
  failed: number;
  error: string | null;
}

/** Ticket import (CSV, JSON, .eml): progress while it runs and the rows it refused, line by line. */
export function TicketImportView({ ws, canEdit }: ViewProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { toast } = useToast();
  const [file, setFile] = useState<File | null>(null);
  const [vendorId, setVendorId] = useState("");
  const [severity, setSeverity] = useState("");
  const [job, setJob] = useState<ImportJob | null>(null);
  const [refused, setRefused] = useState<{ line: number | null; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const vendors = useQuery({
    queryKey: ["vendors", ws],
    queryFn: () => get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=500`),
  });
  // While a large import runs (202), its progress is polled every second.
  useQuery({
    queryKey: ["import", ws, job?.id],
    enabled: job?.status === "running",
    refetchInterval: 1000,
    queryFn: async () => {
      const next = await get<ImportJob>(`/workspaces/${ws}/imports/${job?.id}`);
      setJob(next);
      if (next.status !== "running") finished(next);
      return next;
    },
  });
  function finished(j: ImportJob) {
    void qc.invalidateQueries({ queryKey: ["tickets", ws] });
    if (j.status === "done") toast(t("import.done", { n: j.done }));
    else toast(j.error ?? t("import.failed"), "error");
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setRefused([]);
    setJob(null);
    const form = new FormData();
    if (vendorId) form.append("vendor_id", vendorId);
    if (severity) form.append("severity", severity);
    form.append("file", file, file.name);
    try {
      const started = await post<ImportJob>(`/workspaces/${ws}/tickets/import`, form);
      const j = { ...started, id: started.import_id ?? started.id };
      setJob(j);
      if (j.status !== "running") finished(j);
    } catch (err) {
      // The import is checked whole before anything is stored: a refused row names its line.
      const errors = err instanceof ApiError ? err.errors : [];
      setRefused(errors.length ? errors : [{ line: null, message: errorText(err) }]);
    } finally {
      setBusy(false);
    }
  }
  if (!canEdit) return <EmptyState>{t("import.editorsOnly")}</EmptyState>;
  const pct = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <div className="ticket-import">
      <p>
        <a href="/tickets" onClick={go("/tickets")}>
          {t("nav.tickets")}
        </a>
      </p>
      <h1>{t("import.title")}</h1>
      <p className="hint">{t("import.intro")}</p>
      <form className="row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.json,.eml,text/csv,application/json,message/rfc822"
            required
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor="import-vendor">{t("tickets.vendor")}</label>
          <select id="import-vendor" value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
            <option value="">{t("import.vendorFromFile")}</option>
            {vendors.data?.items.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <SeveritySelect
          ws={ws}
          vendorId={vendorId || null}
          id="import-severity"
          label={t("import.severity")}
          value={severity}
          onChange={setSeverity}
          emptyLabel={t("import.severityFromSubject")}
        />
        <button type="submit" className="primary" disabled={busy || !file}>
          {t("import.start")}
        </button>
      </form>
      {job && (
        <section aria-live="polite" className="import-progress">
          <progress max={100} value={pct} aria-label={t("import.progress")} />
          <p data-testid="import-status">
            {t(`import.status.${job.status}` as MessageKey)} ·{" "}
            {t("import.counts", { done: job.done, total: job.total, failed: job.failed })}
          </p>
          {job.error && <p className="note error">{job.error}</p>}
        </section>
      )}
      {refused.length > 0 && (
        <section className="note error" role="alert" data-testid="import-refused">
          <h2>{t("import.refused")}</h2>
          <ul>
            {refused.map((r) => (
              <li key={`${r.line}-${r.message}`}>
                {r.line != null ? `${t("import.line", { line: r.line })}: ` : ""}
                {r.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
