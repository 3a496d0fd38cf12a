/**
 * Declared (vendor status page) vs measured (our probes): which incidents overlap which outages,
 * who saw each first and by how much, and how many minutes the two disagree on. Pure arithmetic
 * on intervals; an interval still open is closed at `now`.
 */
export interface Interval {
  id: string;
  start: Date;
  end: Date | null;
}

export interface IncidentComparison {
  incidentId: string | null;
  outageIds: string[];
  /** Minutes both sides call an outage. */
  overlapMinutes: number;
  /** Minutes only one side calls an outage (within the union of the matched intervals). */
  disagreeMinutes: number;
  /** "probes" when our first failure came before the vendor's declared start, "vendor" otherwise; null when one side is missing. */
  firstSeenBy: "probes" | "vendor" | "same" | null;
  /** How much earlier the first side saw it, in minutes; null when one side is missing. */
  leadMinutes: number | null;
}

const MIN = 60_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

function endOf(i: Interval, now: Date): number {
  return (i.end ?? now).getTime();
}

/** Sum of the lengths of a union of [start, end) intervals. */
function unionMs(parts: [number, number][]): number {
  const sorted = [...parts].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur: [number, number] | null = null;
  for (const [s, e] of sorted) {
    if (!cur || s > cur[1]) {
      if (cur) total += cur[1] - cur[0];
      cur = [s, e];
    } else cur[1] = Math.max(cur[1], e);
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}

function overlapMs(a: [number, number][], b: [number, number][]): number {
  let total = 0;
  for (const [as, ae] of a)
    for (const [bs, be] of b) total += Math.max(0, Math.min(ae, be) - Math.max(as, bs));
  return total;
}

/**
 * One row per vendor incident (with the outages it overlaps) and one per outage no incident
 * overlaps (declared nothing). `slackMinutes` lets an outage that ended just before a late
 * declaration still match it.
 */
export function compareDeclaredMeasured(
  incidents: Interval[],
  outages: Interval[],
  now: Date,
  slackMinutes = 0,
): IncidentComparison[] {
  const slack = slackMinutes * MIN;
  const matched = new Set<string>();
  const rows: IncidentComparison[] = [];
  for (const inc of incidents) {
    const is = inc.start.getTime();
    const ie = endOf(inc, now);
    const hits = outages.filter((o) => o.start.getTime() < ie + slack && endOf(o, now) + slack > is);
    for (const h of hits) matched.add(h.id);
    const incPart: [number, number][] = [[is, ie]];
    const outParts = hits.map((o) => [o.start.getTime(), endOf(o, now)] as [number, number]);
    const overlap = overlapMs(incPart, outParts);
    const union = unionMs([...incPart, ...outParts]);
    let firstSeenBy: IncidentComparison["firstSeenBy"] = null;
    let lead: number | null = null;
    if (hits.length) {
      const firstOut = Math.min(...outParts.map((p) => p[0]));
      lead = round1(Math.abs(is - firstOut) / MIN);
      firstSeenBy = firstOut < is ? "probes" : firstOut > is ? "vendor" : "same";
    }
    rows.push({
      incidentId: inc.id,
      outageIds: hits.map((h) => h.id),
      overlapMinutes: round1(overlap / MIN),
      disagreeMinutes: round1((union - overlap) / MIN),
      firstSeenBy,
      leadMinutes: lead,
    });
  }
  for (const o of outages) {
    if (matched.has(o.id)) continue;
    const len = endOf(o, now) - o.start.getTime();
    rows.push({
      incidentId: null,
      outageIds: [o.id],
      overlapMinutes: 0,
      disagreeMinutes: round1(len / MIN),
      firstSeenBy: null,
      leadMinutes: null,
    });
  }
  return rows;
}

/** Outages from probe samples in time order: a run of failed samples, from the first failure to the next success. */
export function outagesFromSamples(samples: { at: Date; ok: boolean }[], idPrefix = "outage"): Interval[] {
  const out: Interval[] = [];
  let start: Date | null = null;
  for (const s of samples) {
    if (!s.ok && !start) start = s.at;
    else if (s.ok && start) {
      out.push({ id: `${idPrefix}-${out.length + 1}`, start, end: s.at });
      start = null;
    }
  }
  if (start) out.push({ id: `${idPrefix}-${out.length + 1}`, start, end: null });
  return out;
}

export interface MaintenanceNoticeCheck {
  recordId: string;
  /** Hours between the vendor publishing it and its start; null when either is unknown. */
  noticeHours: number | null;
  committedNoticeHours: number | null;
  /** False when less notice than committed; null when either side is unknown. */
  enough: boolean | null;
  windowMinutes: number | null;
}

export function checkMaintenanceNotice(
  record: { id: string; declaredAt: Date | null; scheduledFor: Date | null; scheduledUntil: Date | null },
  committedNoticeHours: number | null,
): MaintenanceNoticeCheck {
  const notice =
    record.declaredAt && record.scheduledFor
      ? round1((record.scheduledFor.getTime() - record.declaredAt.getTime()) / 3_600_000)
      : null;
  return {
    recordId: record.id,
    noticeHours: notice,
    committedNoticeHours,
    enough: notice === null || committedNoticeHours === null ? null : notice >= committedNoticeHours,
    windowMinutes:
      record.scheduledFor && record.scheduledUntil
        ? round1((record.scheduledUntil.getTime() - record.scheduledFor.getTime()) / MIN)
        : null,
  };
}
