import { useEffect, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { type ClockView, clockAt, type MetricState, summaryClockAt } from "./sla-state";
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
  return <ClockText view={clockAt(metric, now)} />;
}

/** The list's clock from a ticket's SLA summary: at risk from `at_75`, breached … ago from `breached_at`. */
export function SummaryClock({ sla, now }: { sla: SlaSummary | null; now: number }) {
  return <ClockText view={summaryClockAt(sla, now)} />;
}

function ClockText({ view }: { view: ClockView }) {
  const { t, formatDuration } = useI18n();
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
