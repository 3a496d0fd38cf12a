import { useEffect, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { clockAt, type MetricState } from "./sla-state";
import type { SlaSummary } from "./ticket-types";

/** The current time, updated every second (one timer per view). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** A live clock for one metric: due in / at risk / breached … ago / paused / met. */
export function MetricClock({ metric, now }: { metric: MetricState | null; now: number }) {
  const { t, formatDuration } = useI18n();
  const view = clockAt(metric, now);
  switch (view.kind) {
    case "none":
      return <span className="clock">{t("common.none")}</span>;
    case "met":
      return <span className="clock met">{t("sla.met")}</span>;
    case "paused":
      return <span className="clock paused">{t("sla.paused")}</span>;
    case "due":
      return <span className="clock running">{t("sla.dueIn", { t: formatDuration(view.ms) })}</span>;
    case "at_risk":
      return <span className="clock at-risk">{t("sla.atRisk", { t: formatDuration(view.ms) })}</span>;
    case "breached":
      return (
        <span className="clock breached">
          {view.ms === null ? t("sla.breachedPlain") : t("sla.breached", { t: formatDuration(view.ms) })}
        </span>
      );
  }
}

/** The list's clock from a ticket's SLA summary (the earliest running deadline). */
export function SummaryClock({ sla, now }: { sla: SlaSummary | null; now: number }) {
  if (!sla || sla.state === "none") return <MetricClock metric={null} now={now} />;
  const metric: MetricState = {
    state:
      sla.state === "breached"
        ? "breached"
        : sla.state === "met"
          ? "met"
          : sla.state === "paused"
            ? "paused"
            : "running",
    elapsed_minutes: 0,
    target_minutes: null,
    due: sla.due,
    breached_at: null,
    // The summary says at risk without the instant: mark it from now.
    warnings: { at_50: null, at_75: sla.at_risk ? new Date(0).toISOString() : null, at_100: null },
  };
  return <MetricClock metric={metric} now={now} />;
}
