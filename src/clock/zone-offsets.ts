import { Temporal } from "temporal-polyfill";
import { civilFromDays, DAY_MS, daysFromCivil } from "./civil-date.js";

/**
 * The UTC offsets of one IANA zone as a sorted list of transitions, filled lazily per year with
 * Temporal (slow, only when a new year is first needed); lookups after that are a binary search.
 */
export class ZoneOffsets {
  readonly zone: string;
  private times: number[] = []; // transition instants (ms), sorted
  private offsets: number[] = []; // offset (ms) in effect from times[i]
  private initial = 0; // offset before times[0]
  private fromYear = Number.NaN;
  private toYear = Number.NaN;
  private loMs = Number.POSITIVE_INFINITY;
  private hiMs = Number.NEGATIVE_INFINITY;

  constructor(zone: string) {
    this.zone = zone;
  }

  /** Offset in ms (local = utc + offset) at an instant. */
  offsetAt(ms: number): number {
    if (ms < this.loMs || ms >= this.hiMs) this.cover(ms);
    const times = this.times;
    let lo = 0;
    let hi = times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] <= ms) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? this.initial : this.offsets[found];
  }

  /**
   * The instant of a local wall time (given as ms since 1970 on the wall clock), with Temporal's
   * "compatible" disambiguation: a time in a gap moves forward by the gap, a repeated time takes
   * its first occurrence.
   */
  wallToEpoch(wall: number): number {
    const before = this.offsetAt(wall - DAY_MS);
    const after = this.offsetAt(wall + DAY_MS);
    if (before === after) return wall - before;
    const t1 = wall - before;
    const t2 = wall - after;
    const ok1 = this.offsetAt(t1) === before;
    const ok2 = this.offsetAt(t2) === after;
    if (ok1 && ok2) return Math.min(t1, t2);
    if (ok1) return t1;
    if (ok2) return t2;
    return wall - before;
  }

  private cover(ms: number): void {
    const year = civilFromDays(Math.floor(ms / DAY_MS)).year;
    const from = Number.isNaN(this.fromYear) ? year - 1 : Math.min(this.fromYear, year - 1);
    const to = Number.isNaN(this.toYear) ? year + 1 : Math.max(this.toYear, year + 1);
    this.load(from, to);
  }

  private load(fromYear: number, toYear: number): void {
    const start = daysFromCivil(fromYear, 1, 1) * DAY_MS;
    const end = daysFromCivil(toYear + 1, 1, 1) * DAY_MS;
    const times: number[] = [];
    const offsets: number[] = [];
    let zdt: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(
      this.zone,
    );
    const initial = zdt.offsetNanoseconds / 1e6;
    for (;;) {
      zdt = zdt.getTimeZoneTransition("next");
      if (!zdt || zdt.epochMilliseconds >= end) break;
      times.push(zdt.epochMilliseconds);
      offsets.push(zdt.offsetNanoseconds / 1e6);
    }
    this.times = times;
    this.offsets = offsets;
    this.initial = initial;
    this.fromYear = fromYear;
    this.toYear = toYear;
    // keep a margin so wallToEpoch's ±1 day probes stay inside the loaded range
    this.loMs = start + 2 * DAY_MS;
    this.hiMs = end - 2 * DAY_MS;
  }
}

const cache = new Map<string, ZoneOffsets>();

/** Shared per zone name so every calendar in one zone reuses the same transition list. */
export function zoneOffsets(zone: string): ZoneOffsets {
  let z = cache.get(zone);
  if (!z) {
    z = new ZoneOffsets(zone);
    cache.set(zone, z);
  }
  return z;
}

/** True when the runtime knows the IANA zone name. */
export function isKnownZone(zone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
    return zone.length > 0;
  } catch {
    return false;
  }
}
