import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorText, get, patch, post } from "../api/client";
import type { Page, Probe, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { ErrorNote } from "../shell/notes";
import { useToast } from "../shell/toasts";

const KINDS = ["http", "sse", "ws", "tcp", "tls"] as const;

interface ProbeSample {
  ok: boolean;
  status: number | null;
  error: string | null;
  timings_ms: { total: number | null };
}

export interface ProbeDraft {
  id?: string;
  version?: number;
  name: string;
  kind: string;
  url: string;
  interval_s: number;
  vendor_id: string | null;
  enabled: boolean;
}

export const EMPTY_PROBE: ProbeDraft = {
  name: "",
  kind: "http",
  url: "https://",
  interval_s: 60,
  vendor_id: null,
  enabled: true,
};

/** Create or edit a probe; the SSRF allow-list is explained next to the URL. */
export function ProbeForm({
  ws,
  initial,
  onDone,
}: {
  ws: string;
  initial: ProbeDraft;
  onDone: (p: Probe | null) => void;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { toast } = useToast();
  const [draft, setDraft] = useState<ProbeDraft>(initial);
  const vendors = useQuery({
    queryKey: ["vendors", ws],
    queryFn: () => get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=500`),
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name || null,
        kind: draft.kind,
        url: draft.url,
        interval_s: draft.interval_s,
        enabled: draft.enabled,
        vendor_id: draft.vendor_id,
      };
      return draft.id
        ? patch<Probe>(`/workspaces/${ws}/probes/${draft.id}`, { ...body, version: draft.version })
        : post<Probe>(`/workspaces/${ws}/probes`, body);
    },
    onSuccess: (p) => {
      toast(t("common.saved"));
      void qc.invalidateQueries({ queryKey: ["probes", ws] });
      onDone(p);
    },
  });
  const set = <K extends keyof ProbeDraft>(k: K, v: ProbeDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <form className="probe-form" onSubmit={submit} aria-labelledby="probe-form-h">
      <h2 id="probe-form-h">{draft.id ? t("probes.edit") : t("probes.new")}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="probe-name">{t("probes.name")}</label>
          <input
            id="probe-name"
            value={draft.name}
            maxLength={200}
            onChange={(e) => set("name", e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="probe-kind">{t("probes.kind")}</label>
          <select id="probe-kind" value={draft.kind} onChange={(e) => set("kind", e.target.value)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="probe-interval">{t("probes.interval")}</label>
          <input
            id="probe-interval"
            type="number"
            min={5}
            max={86400}
            value={draft.interval_s}
            onChange={(e) => set("interval_s", Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="probe-vendor">{t("tickets.vendor")}</label>
          <select
            id="probe-vendor"
            value={draft.vendor_id ?? ""}
            onChange={(e) => set("vendor_id", e.target.value || null)}
          >
            <option value="">{t("common.none")}</option>
            {vendors.data?.items.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="probe-url">{t("probes.url")}</label>
        <input
          id="probe-url"
          required
          maxLength={2048}
          value={draft.url}
          aria-describedby="probe-allow"
          onChange={(e) => set("url", e.target.value)}
        />
        <p id="probe-allow" className="hint">
          {t("probes.allowList")}
        </p>
      </div>
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set("enabled", e.target.checked)} />{" "}
        {t("probes.enabled")}
      </label>
      <ErrorNote error={save.error ? errorText(save.error) : null} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t("common.save")}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** Runs a probe once from the server and says how it went. */
export function RunNowButton({ ws, id }: { ws: string; id: string }) {
  const { t } = useI18n();
  const { toast } = useToast();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => post<ProbeSample>(`/workspaces/${ws}/probes/${id}/run`),
    onSuccess: (s) => {
      void qc.invalidateQueries({ queryKey: ["rollups", ws, id] });
      toast(
        s.ok
          ? t("probes.runOk", { ms: s.timings_ms.total != null ? Math.round(s.timings_ms.total) : "?" })
          : t("probes.runFailed", { status: s.status ?? "—" }),
        s.ok ? "ok" : "error",
      );
    },
    onError: (err) => toast(errorText(err), "error"),
  });
  return (
    <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>
      {run.isPending ? t("probes.running") : t("probes.runNow")}
    </button>
  );
}
