import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorText, get, post, put } from "../api/client";
import type { Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { EmptyState, ErrorNote } from "../shell/notes";
import { Skeleton } from "../shell/skeleton";
import type { DeclaredVsMeasured, StatusRecord, StatusSource } from "./watch-types";

interface Props {
  ws: string;
  canEdit: boolean;
  vendorId: string;
  vendors: Vendor[];
}

const SOURCE_COLOR: Record<string, string> = { pending: "#51565e", ok: "#1b6e3f", unreadable: "#a3261f" };

function AddSource({
  ws,
  vendorId,
  vendors,
  onDone,
}: {
  ws: string;
  vendorId: string;
  vendors: Vendor[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [vendor, setVendor] = useState(vendorId);
  const [kind, setKind] = useState<"statuspage" | "feed">("statuspage");
  const [url, setUrl] = useState("https://");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="watch-card"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          await post(`/workspaces/${ws}/status-sources`, { vendor_id: vendor, kind, url: url.trim() });
          onDone();
        } catch (err) {
          setError(errorText(err));
        }
      }}
    >
      <div className="row">
        <div className="field">
          <label htmlFor="ss-vendor">{t("watch.vendor")}</label>
          <select id="ss-vendor" required value={vendor} onChange={(e) => setVendor(e.target.value)}>
            <option value="" disabled>
              —
            </option>
            {vendors.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ss-kind">{t("watch.kind")}</label>
          <select
            id="ss-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as "statuspage" | "feed")}
          >
            <option value="statuspage">{t("watch.kind.statuspage")}</option>
            <option value="feed">{t("watch.kind.feed")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="ss-url">{t("watch.url")}</label>
          <input id="ss-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
        </div>
      </div>
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
        <button type="button" className="ghost" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** Rows of (vendor component, covered services); components seen in the source's records are offered first. */
function ComponentMapEditor({
  ws,
  source,
  onSaved,
}: {
  ws: string;
  source: StatusSource;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const names = [...new Set([...Object.keys(source.component_map), ...source.components])];
  const [rows, setRows] = useState(
    names.map((n, key) => ({ key, component: n, services: (source.component_map[n] ?? []).join(", ") })),
  );
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    const map: Record<string, string[]> = {};
    for (const r of rows) {
      const services = r.services
        .split(/[,，]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (r.component.trim() && services.length) map[r.component.trim()] = services;
    }
    try {
      const out = await put<{ remapped: number }>(
        `/workspaces/${ws}/status-sources/${source.id}/component-map`,
        {
          component_map: map,
        },
      );
      setNote({ ok: true, text: t("watch.mapSaved", { n: out.remapped }) });
      onSaved();
    } catch (err) {
      setNote({ ok: false, text: errorText(err) });
    }
  };
  return (
    <fieldset>
      <legend>{t("watch.componentMap")}</legend>
      <p className="hint">{t("watch.componentMapHint")}</p>
      {rows.map((r, i) => (
        <div className="row" key={r.key}>
          <div className="field">
            <label htmlFor={`cm-${source.id}-${i}-c`}>{t("watch.component")}</label>
            <input
              id={`cm-${source.id}-${i}-c`}
              value={r.component}
              onChange={(e) =>
                setRows((rs) => rs.map((x, j) => (j === i ? { ...x, component: e.target.value } : x)))
              }
            />
          </div>
          <div className="field">
            <label htmlFor={`cm-${source.id}-${i}-s`}>{t("watch.services")}</label>
            <input
              id={`cm-${source.id}-${i}-s`}
              value={r.services}
              onChange={(e) =>
                setRows((rs) => rs.map((x, j) => (j === i ? { ...x, services: e.target.value } : x)))
              }
            />
          </div>
        </div>
      ))}
      <div className="row">
        <button
          type="button"
          onClick={() => setRows((rs) => [...rs, { key: rs.length, component: "", services: "" }])}
        >
          {t("watch.addComponent")}
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          {t("watch.saveMap")}
        </button>
      </div>
      {note && (
        <p className={`note ${note.ok ? "ok" : "error"}`} role={note.ok ? undefined : "alert"}>
          {note.text}
        </p>
      )}
    </fieldset>
  );
}

function Records({ ws, vendorId }: { ws: string; vendorId: string }) {
  const { t, formatDate } = useI18n();
  const records = useQuery({
    queryKey: ["status-records", ws, vendorId],
    queryFn: () =>
      get<StatusRecord[]>(`/workspaces/${ws}/status-records${vendorId ? `?vendor_id=${vendorId}` : ""}`),
  });
  return (
    <section aria-labelledby="watch-records-h">
      <h2 id="watch-records-h">{t("watch.records")}</h2>
      {records.isPending ? (
        <Skeleton lines={3} />
      ) : !records.data?.length ? (
        <EmptyState>{t("watch.noRecords")}</EmptyState>
      ) : (
        <ul className="cards">
          {records.data.map((r) => (
            <li key={r.id} className="card-row">
              <div>
                <span className="badge">{t(`watch.record.${r.kind}` as MessageKey)}</span>{" "}
                <strong>{r.title}</strong>
                {r.status && (
                  <span className="hint">
                    {" "}
                    · <code>{r.status}</code>
                  </span>
                )}
                {r.body && <p>{r.body}</p>}
                <div className="hint">
                  {t("watch.firstSeen", { at: formatDate(r.first_seen_at) })}
                  {r.kind === "maintenance" && r.scheduled_for && (
                    <>
                      {" · "}
                      {t("watch.scheduled", {
                        from: formatDate(r.scheduled_for),
                        to: r.scheduled_until ? formatDate(r.scheduled_until) : "…",
                      })}
                    </>
                  )}
                  {r.kind === "incident" && r.started_at && (
                    <>
                      {" · "}
                      {formatDate(r.started_at)} – {r.resolved_at ? formatDate(r.resolved_at) : "…"}
                    </>
                  )}
                </div>
                {r.services.length > 0 && <div className="hint">{r.services.join(", ")}</div>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DeclaredMeasured({ ws, vendorId }: { ws: string; vendorId: string }) {
  const { t } = useI18n();
  const [noticeHours, setNoticeHours] = useState("");
  // a stable 30-day window, to the minute, so the query key does not change on every render
  const [to] = useState(() => new Date(Math.ceil(Date.now() / 60_000) * 60_000).toISOString());
  const from = new Date(new Date(to).getTime() - 30 * 86_400_000).toISOString();
  const dvm = useQuery({
    queryKey: ["dvm", ws, vendorId, to, noticeHours],
    queryFn: () =>
      get<DeclaredVsMeasured>(
        `/workspaces/${ws}/vendors/${vendorId}/declared-vs-measured?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${noticeHours ? `&committed_notice_hours=${noticeHours}` : ""}`,
      ),
  });
  const yesNo = (v: boolean | null) => t(v === null ? "watch.unknown" : v ? "watch.yes" : "watch.no");
  const num = (v: number | null) => (v === null ? t("watch.unknown") : String(Math.round(v * 10) / 10));
  return (
    <section aria-labelledby="watch-dvm-h">
      <h2 id="watch-dvm-h">{t("watch.dvm")}</h2>
      <div className="field inline">
        <label htmlFor="dvm-notice">{t("watch.dvmNoticeHours")}</label>
        <input
          id="dvm-notice"
          type="number"
          min={0}
          style={{ maxWidth: "7rem" }}
          value={noticeHours}
          onChange={(e) => setNoticeHours(e.target.value)}
        />
      </div>
      <ErrorNote error={dvm.error ? errorText(dvm.error) : null} />
      {dvm.data && dvm.data.unreadable_sources.length > 0 && (
        <p className="note warn">
          {t("watch.unreadableNote", { error: "" })} <code>{dvm.data.unreadable_sources.join(", ")}</code>
        </p>
      )}
      {dvm.data &&
        (dvm.data.incidents.length === 0 ? (
          <p className="hint">{t("watch.dvmNone")}</p>
        ) : (
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th scope="col">{t("watch.dvmIncident")}</th>
                <th scope="col">{t("watch.dvmOverlap")}</th>
                <th scope="col">{t("watch.dvmDisagree")}</th>
                <th scope="col">{t("watch.dvmFirst")}</th>
                <th scope="col">{t("watch.dvmLead")}</th>
              </tr>
            </thead>
            <tbody>
              {dvm.data.incidents.map((row) => (
                <tr key={`${row.incidentId}:${row.outageIds.join(",")}`}>
                  <td data-label={t("watch.dvmIncident")}>
                    {row.incidentId ? <code>{row.incidentId.slice(0, 8)}</code> : t("watch.dvmOutagesOnly")}
                  </td>
                  <td data-label={t("watch.dvmOverlap")}>{num(row.overlapMinutes)}</td>
                  <td data-label={t("watch.dvmDisagree")}>{num(row.disagreeMinutes)}</td>
                  <td data-label={t("watch.dvmFirst")}>
                    {row.firstSeenBy ? t(`watch.first.${row.firstSeenBy}` as MessageKey) : t("watch.unknown")}
                  </td>
                  <td data-label={t("watch.dvmLead")}>{num(row.leadMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {dvm.data && dvm.data.maintenance.length > 0 && (
        <>
          <h3>{t("watch.maintenance")}</h3>
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th scope="col">{t("watch.noticeGiven")}</th>
                <th scope="col">{t("watch.noticeCommitted")}</th>
                <th scope="col">{t("watch.enough")}</th>
                <th scope="col">{t("watch.window")}</th>
              </tr>
            </thead>
            <tbody>
              {dvm.data.maintenance.map((m) => (
                <tr key={m.recordId}>
                  <td data-label={t("watch.noticeGiven")}>{num(m.noticeHours)}</td>
                  <td data-label={t("watch.noticeCommitted")}>{num(m.committedNoticeHours)}</td>
                  <td data-label={t("watch.enough")}>{yesNo(m.enough)}</td>
                  <td data-label={t("watch.window")}>{num(m.windowMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Vendor status sources (state, last poll, unreadable reason, component map), their records, declared vs measured. */
export function StatusSection({ ws, canEdit, vendorId, vendors }: Props) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [polled, setPolled] = useState<{ id: string; text: string; ok: boolean } | null>(null);
  const sources = useQuery({
    queryKey: ["status-sources", ws, vendorId],
    queryFn: () =>
      get<{ items: StatusSource[] }>(
        `/workspaces/${ws}/status-sources${vendorId ? `?vendor_id=${vendorId}` : ""}`,
      ),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["status-sources", ws] });
    void qc.invalidateQueries({ queryKey: ["status-records", ws] });
    void qc.invalidateQueries({ queryKey: ["dvm", ws] });
  };
  const poll = async (s: StatusSource) => {
    try {
      const r = await post<{ added: number; updated: number; state: string; error: string | null }>(
        `/workspaces/${ws}/status-sources/${s.id}/poll`,
      );
      setPolled({
        id: s.id,
        ok: r.state === "ok",
        text: t("watch.polled", { added: r.added, updated: r.updated }),
      });
      refresh();
    } catch (err) {
      setPolled({ id: s.id, ok: false, text: errorText(err) });
    }
  };
  const vendorName = (id: string) => vendors.find((v) => v.id === id)?.name ?? id;
  const list = sources.data?.items ?? [];
  return (
    <>
      <section aria-labelledby="watch-sources-h">
        <h2 id="watch-sources-h">{t("watch.sources")}</h2>
        {canEdit && !adding && (
          <button type="button" onClick={() => setAdding(true)}>
            {t("watch.addSource")}
          </button>
        )}
        {adding && (
          <AddSource
            ws={ws}
            vendorId={vendorId}
            vendors={vendors}
            onDone={() => {
              setAdding(false);
              refresh();
            }}
          />
        )}
        <ErrorNote error={sources.error ? errorText(sources.error) : null} />
        {sources.isPending ? (
          <Skeleton lines={3} />
        ) : list.length === 0 ? (
          <EmptyState>{t("watch.noSources")}</EmptyState>
        ) : (
          <ul className="cards">
            {list.map((s) => (
              <li key={s.id} className="card-row watch-source">
                <div>
                  <strong>{vendorName(s.vendor_id)}</strong>{" "}
                  <span
                    className="badge"
                    style={{ color: SOURCE_COLOR[s.state] ?? "#51565e", fontWeight: 600 }}
                  >
                    ● {t(`watch.source.${s.state}` as MessageKey)}
                  </span>
                  <div className="hint">
                    {t(`watch.kind.${s.kind}` as MessageKey)} · <code>{s.url}</code>
                  </div>
                  <div className="hint">
                    {s.last_polled_at
                      ? t("watch.lastPoll", { at: formatDate(s.last_polled_at) })
                      : t("watch.source.pending")}
                  </div>
                  {s.state === "unreadable" && (
                    <p className="note warn">
                      {t("watch.unreadableNote", { error: "" })} {s.error && <code>{s.error}</code>}
                    </p>
                  )}
                  {polled?.id === s.id && (
                    <p className={`note ${polled.ok ? "ok" : "error"}`} aria-live="polite">
                      {polled.text}
                    </p>
                  )}
                </div>
                {canEdit && (
                  <button type="button" onClick={() => void poll(s)}>
                    {t("watch.pollNow")}
                  </button>
                )}
                {!canEdit && Object.keys(s.component_map).length > 0 && (
                  <dl className="watch-map" aria-label={t("watch.componentMap")}>
                    {Object.entries(s.component_map).map(([component, services]) => (
                      <div key={component}>
                        <dt>{component}</dt>
                        <dd>{services.join(", ")}</dd>
                      </div>
                    ))}
                  </dl>
                )}
                {canEdit && (
                  <ComponentMapEditor
                    key={`${s.id}:${s.components.join("|")}`}
                    ws={ws}
                    source={s}
                    onSaved={refresh}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Records ws={ws} vendorId={vendorId} />
      {vendorId ? (
        <DeclaredMeasured ws={ws} vendorId={vendorId} />
      ) : (
        <p className="hint">{t("watch.pickVendor")}</p>
      )}
    </>
  );
}
