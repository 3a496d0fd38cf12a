/** How an RCA report stands against the contract's RCA commitment. */
export type RcaVerdict = "on_time" | "late" | "missing" | "pending" | "not_committed";

export interface RcaCheck {
  verdict: RcaVerdict;
  /** When the report was due (resolution + committed hours); null when not computable. */
  due_at: string | null;
  /** Hours past the deadline (late: when received; missing: as of now); 0 otherwise. */
  hours_late: number;
}

/**
 * Checks an incident's RCA against the committed deadline (`rca.deadline_hours`), counted from the
 * incident's resolution. No deadline in the contract → `not_committed`; unresolved incident or deadline
 * still ahead → `pending`; report received in time → `on_time`, after → `late`; none past the deadline → `missing`.
 */
export function checkRca(input: {
  deadlineHours: number | null;
  resolvedAt: string | null;
  receivedAt: string | null;
  now: Date;
}): RcaCheck {
  const { deadlineHours, resolvedAt, receivedAt, now } = input;
  if (deadlineHours == null) return { verdict: "not_committed", due_at: null, hours_late: 0 };
  if (resolvedAt == null) {
    return { verdict: receivedAt ? "on_time" : "pending", due_at: null, hours_late: 0 };
  }
  const due = Date.parse(resolvedAt) + deadlineHours * 3_600_000;
  const dueAt = new Date(due).toISOString();
  const late = (at: number) => Math.round(((at - due) / 3_600_000) * 100) / 100;
  if (receivedAt != null) {
    const received = Date.parse(receivedAt);
    return received <= due
      ? { verdict: "on_time", due_at: dueAt, hours_late: 0 }
      : { verdict: "late", due_at: dueAt, hours_late: late(received) };
  }
  return now.getTime() <= due
    ? { verdict: "pending", due_at: dueAt, hours_late: 0 }
    : { verdict: "missing", due_at: dueAt, hours_late: late(now.getTime()) };
}
