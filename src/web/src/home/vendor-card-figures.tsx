import { useQuery } from "@tanstack/react-query";
import { get } from "../api/client";
import { type Heartbeat, HeartbeatStrip } from "../charts/heartbeat-strip";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import { budgetUsed } from "./error-budget";

const BAR_COLOR = (used: number) => (used >= 1 ? "#c0392b" : used >= 0.75 ? "#b7791f" : "#2e7d4f");

/** This month's error budget as a bar (a full bar is the whole budget spent). */
export function ErrorBudgetBar({ measured, target }: { measured: number; target: number }) {
  const { t } = useI18n();
  const used = budgetUsed(measured, target);
  const pct = Number.isFinite(used) ? Math.round(used * 100) : null;
  const text = pct == null ? t("home.budgetSpent") : t("home.budgetUsed", { n: pct });
  return (
    <div className="budget" data-testid="error-budget">
      <div className="budget-track" role="img" aria-label={`${t("home.errorBudget")}: ${text}`}>
        <span
          className="budget-fill"
          style={{ width: `${Math.min(100, pct ?? 100)}%`, background: BAR_COLOR(used) }}
        />
      </div>
      <span className="hint">{text}</span>
    </div>
  );
}

interface ProbeStatus {
  status: string;
  heartbeat: Heartbeat[];
}

/** The vendor's probe over the last 60 minutes, one bar a minute. */
export function VendorHeartbeat({ ws, probeId, name }: { ws: string; probeId: string; name: string }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ["probe-status", ws, probeId, 60],
    queryFn: () => get<ProbeStatus>(`/workspaces/${ws}/probes/${probeId}/status?minutes=60`),
    refetchInterval: 60_000,
  });
  if (!q.data) return <span className="hint">{q.error ? t("common.none") : t("common.loading")}</span>;
  return (
    <div data-testid="heartbeat">
      <HeartbeatStrip beats={q.data.heartbeat} label={t("home.heartbeat", { name })} height={16} />
    </div>
  );
}

interface LatencyReport {
  period: { partial: boolean };
  met: boolean | null;
  targets: {
    target: { metric: string; stat: string; below_ms: number };
    met: boolean | null;
    regions: { region: string | null; value_ms: number | null; met: boolean | null }[];
  }[];
}

/** Each latency commitment of the contract against the month's worst region. */
export function LatencyVsCommitment({
  ws,
  contractId,
  period,
}: {
  ws: string;
  contractId: string;
  period: string;
}) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ["latency", ws, contractId, period],
    queryFn: () => get<LatencyReport>(`/workspaces/${ws}/contracts/${contractId}/latency?period=${period}`),
  });
  if (!q.data) return <>{q.error ? t("common.none") : t("common.loading")}</>;
  if (q.data.targets.length === 0) return <>{t("home.noLatency")}</>;
  return (
    <ul className="plain" data-testid="latency">
      {q.data.targets.map((r) => {
        const values = r.regions.map((g) => g.value_ms).filter((v): v is number => v != null);
        const worst = values.length ? Math.max(...values) : null;
        const verdict =
          r.met == null ? "home.latencyUnjudged" : r.met ? "home.latencyMet" : "home.latencyBreached";
        return (
          <li key={`${r.target.metric}-${r.target.stat}-${r.target.below_ms}`}>
            {t("home.latencyLine", {
              metric: t(`latency.metric.${r.target.metric}` as MessageKey),
              stat: r.target.stat === "each" ? t("home.latencyEach") : r.target.stat,
              bound: r.target.below_ms,
              value: worst != null ? Math.round(worst) : "—",
            })}{" "}
            <span className={`badge ${r.met === false ? "bad" : ""}`}>{t(verdict)}</span>
          </li>
        );
      })}
    </ul>
  );
}
