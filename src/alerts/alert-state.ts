import type { BurnEvaluation } from "./burn-rate.js";

/** The open/closed state of one alert key, stored between evaluations. */
export interface AlertState {
  key: string;
  status: "firing" | "resolved";
  rule: string | null;
  severity: "page" | "ticket" | null;
  /** Epoch ms the current status began. */
  since: number;
  last_notified_at: number | null;
}

export interface AlertStep {
  state: AlertState;
  /** What to send now: an alert, its recovery, or nothing (deduplicated). */
  notify: "firing" | "resolved" | null;
}

/**
 * One evaluation step: a new problem notifies once; while it lasts nothing more is sent unless it
 * escalates (ticket → page) or `renotify_minutes` have passed; when it stops, one recovery is sent.
 */
export function stepAlert(
  prev: AlertState | null,
  evaluation: BurnEvaluation,
  opts: { key: string; renotify_minutes?: number | null },
): AlertStep {
  const now = evaluation.at;
  const firing = evaluation.firing;
  const wasFiring = prev?.status === "firing";
  if (!firing) {
    if (!wasFiring || !prev) {
      return {
        state: prev ?? {
          key: opts.key,
          status: "resolved",
          rule: null,
          severity: null,
          since: now,
          last_notified_at: null,
        },
        notify: null,
      };
    }
    return {
      state: { ...prev, status: "resolved", since: now, last_notified_at: now },
      notify: "resolved",
    };
  }
  const severity = firing.rule.severity;
  if (!wasFiring || !prev) {
    return {
      state: {
        key: opts.key,
        status: "firing",
        rule: firing.rule.name,
        severity,
        since: now,
        last_notified_at: now,
      },
      notify: "firing",
    };
  }
  const escalated = prev.severity === "ticket" && severity === "page";
  const renotify =
    opts.renotify_minutes != null &&
    prev.last_notified_at != null &&
    now - prev.last_notified_at >= opts.renotify_minutes * 60_000;
  const state: AlertState = {
    ...prev,
    rule: firing.rule.name,
    severity: escalated ? severity : prev.severity,
  };
  if (escalated || renotify) return { state: { ...state, last_notified_at: now }, notify: "firing" };
  return { state, notify: null };
}
