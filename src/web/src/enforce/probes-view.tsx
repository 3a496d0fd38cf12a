import { useEffect, useMemo, useState } from "react";
import { errorText, get } from "../api/client";
import type { Page, Probe, Rollup } from "../api/types";
import { Chart } from "../charts/chart";
import { type Health, type Heartbeat, HeartbeatStrip } from "../charts/heartbeat-strip";
import { useI18n } from "../i18n/i18n";
import type { ViewProps } from "../shell/app";
import { EmptyState, ErrorNote } from "../shell/notes";
import { EMPTY_PROBE, type ProbeDraft, ProbeForm, RunNowButton } from "./probe-form";

interface ProbeStatus {
  status: Health;
  regions: {
    region: string;
    status: Health;
    last_error: string | null;
    last_error_phase: string | null;
    last_error_at: string | null;
  }[];
  heartbeat: Heartbeat[];
}

// Labels live here (not in the shared message tables) while another change reworks the shell.
const STATUS_TEXT: Record<"en" | "zh", Record<Health | "status" | "lastError" | "heartbeat", string>> = {
  en: {
    up: "up",
    degraded: "degraded",
    down: "down",
    no_data: "no data",
    status: "Status",
    lastError: "last error",
    heartbeat: "Last 60 minutes",
  },
  zh: {
    up: "正常",
    degraded: "部分故障",
    down: "故障",
    no_data: "无数据",
    status: "状态",
    lastError: "最近错误",
    heartbeat: "最近 60 分钟",
  },
};
/** Darker shades for text, so a badge keeps a 4.5:1 contrast on white (WCAG AA). */
const HEALTH_TEXT: Record<Health, string> = {
  up: "#1b6e3f",
  degraded: "#7a5600",
  down: "#a3261f",
  no_data: "#51565e",
};

function StatusBadge({ status, label }: { status: Health; label: string }) {
  return (
    <span className="badge" style={{ color: HEALTH_TEXT[status], fontWeight: 600 }}>
      ● {label}
    </span>
  );
}

/** Probes with their status per region, a heartbeat strip, and hourly latency (p50/p95) and availability charts. */
export function ProbesView({ ws, canEdit }: ViewProps) {
  const { t, formatDate, lang } = useI18n();
  const words = STATUS_TEXT[lang === "zh" ? "zh" : "en"];
  const [statuses, setStatuses] = useState<Record<string, ProbeStatus>>({});
  const [probes, setProbes] = useState<Probe[] | null>(null);
  const [picked, setPicked] = useState<string>("");
  const [rollups, setRollups] = useState<Rollup[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ProbeDraft | null>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` re-reads the list after a save
  useEffect(() => {
    get<Page<Probe>>(`/workspaces/${ws}/probes?limit=500`)
      .then((p) => {
        setProbes(p.items);
        setPicked((cur) => (p.items.some((i) => i.id === cur) ? cur : (p.items[0]?.id ?? "")));
      })
      .catch((err) => setError(errorText(err)));
  }, [ws, generation]);
  useEffect(() => {
    // Status of the listed probes (the first 50: one request each), loaded with the list.
    if (!probes?.length) return;
    let live = true;
    const load = () =>
      Promise.all(
        probes.slice(0, 50).map((p) =>
          get<ProbeStatus>(`/workspaces/${ws}/probes/${p.id}/status?minutes=60`)
            .then((st) => [p.id, st] as const)
            .catch(() => null),
        ),
      ).then((pairs) => {
        if (live) setStatuses(Object.fromEntries(pairs.filter((x) => x !== null)));
      });
    void load();
    return () => {
      live = false;
    };
  }, [ws, probes]);
  useEffect(() => {
    if (!picked) return;
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
    get<Page<Rollup>>(
      `/workspaces/${ws}/probes/${picked}/rollups?resolution=hour&from=${encodeURIComponent(from)}`,
    )
      .then((p) => setRollups([...p.items].sort((a, b) => a.bucket_start.localeCompare(b.bucket_start))))
      .catch((err) => setError(errorText(err)));
  }, [ws, picked]);

  const charts = useMemo(() => {
    const x = rollups.map((r) => formatDate(r.bucket_start));
    const grid = { left: 48, right: 16, top: 32, bottom: 40 };
    return {
      latency: {
        legend: { data: ["p50", "p95"], top: 0 },
        grid,
        xAxis: { type: "category", data: x },
        yAxis: { type: "value" },
        series: [
          { name: "p50", type: "line", data: rollups.map((r) => r.p50_ms), showSymbol: false },
          { name: "p95", type: "line", data: rollups.map((r) => r.p95_ms), showSymbol: false },
        ],
      },
      availability: {
        grid,
        xAxis: { type: "category", data: x },
        yAxis: { type: "value", min: (v: { min: number }) => Math.floor(Math.min(v.min, 99)), max: 100 },
        series: [
          {
            type: "bar",
            data: rollups.map((r) => (r.count ? Math.round((r.ok / r.count) * 10_000) / 100 : null)),
          },
        ],
      },
    };
  }, [rollups, formatDate]);

  const form = editing && (
    <ProbeForm
      ws={ws}
      initial={editing}
      onDone={(p) => {
        setEditing(null);
        if (p) {
          setGeneration((g) => g + 1);
          setPicked(p.id);
        }
      }}
    />
  );
  const addButton = canEdit && !editing && (
    <button type="button" onClick={() => setEditing(EMPTY_PROBE)}>
      {t("probes.add")}
    </button>
  );
  if (probes && probes.length === 0)
    return (
      <div>
        <h1>{t("probes.title")}</h1>
        <EmptyState>{t("probes.empty")}</EmptyState>
        {addButton}
        {form}
      </div>
    );
  const current = probes?.find((p) => p.id === picked);
  const last = rollups.at(-1);
  return (
    <div className="probes-view">
      <h1>{t("probes.title")}</h1>
      <ErrorNote error={error} />
      <div className="row">
        {addButton}
        {canEdit && current && !editing && (
          <>
            <button
              type="button"
              onClick={() =>
                setEditing({
                  id: current.id,
                  version: current.version,
                  name: current.name ?? "",
                  kind: current.kind,
                  url: current.url,
                  interval_s: current.interval_s,
                  vendor_id: current.vendor_id ?? null,
                  enabled: current.enabled,
                })
              }
            >
              {t("probes.edit")}
            </button>
            <RunNowButton ws={ws} id={current.id} />
          </>
        )}
      </div>
      {form}
      <div className="split narrow-left">
        <ul className="list" aria-label={t("probes.title")}>
          {probes?.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="link"
                aria-current={picked === p.id ? "true" : undefined}
                onClick={() => setPicked(p.id)}
              >
                {p.name ?? p.id}
              </button>{" "}
              {statuses[p.id] && (
                <StatusBadge status={statuses[p.id].status} label={words[statuses[p.id].status]} />
              )}
              <span className="hint">
                {p.kind} · {p.url} {p.enabled ? "" : t("probes.off")}
              </span>
            </li>
          ))}
        </ul>
        <div>
          {statuses[picked] && (
            <section aria-label={words.status}>
              <h2>{words.status}</h2>
              <table className="table">
                <tbody>
                  {statuses[picked].regions.map((r) => (
                    <tr key={r.region}>
                      <th scope="row">
                        {/* "server" is the default name of the server's own region (serve --region) */}
                        {r.region === "server" ? t("probes.regionServer") : r.region}
                      </th>
                      <td>
                        <StatusBadge status={r.status} label={words[r.status]} />
                      </td>
                      <td className="hint">
                        {/* The error as the probe recorded it (verbatim, like a log line), in <code>. */}
                        {r.last_error && (
                          <>
                            {words.lastError}:{" "}
                            <code>
                              {r.last_error}
                              {r.last_error_phase ? ` [${r.last_error_phase}]` : ""}
                            </code>
                            {r.last_error_at ? ` · ${formatDate(r.last_error_at)}` : ""}
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h2>{words.heartbeat}</h2>
              <HeartbeatStrip beats={statuses[picked].heartbeat} label={words.heartbeat} />
            </section>
          )}
          {rollups.length === 0 ? (
            <p>{t("probes.noData")}</p>
          ) : (
            <>
              {last && (
                <p className="note info">
                  {t("probes.lastHour", {
                    at: formatDate(last.bucket_start),
                    ok: last.ok,
                    count: last.count,
                    p95: last.p95_ms ?? t("common.none"),
                  })}
                </p>
              )}
              <h2>{t("probes.latency")}</h2>
              <Chart option={charts.latency} label={t("probes.latency")} />
              <h2>{t("probes.availability")}</h2>
              <Chart option={charts.availability} label={t("probes.availability")} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}
