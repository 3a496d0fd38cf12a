import type { MinuteRange } from "./calendar-types.js";
import { DAY_MS, daysFromCivil, MINUTE_MS } from "./civil-date.js";
import type { TimeSegment } from "./time-segment.js";
import type { ZoneOffsets } from "./zone-offsets.js";

/** The UTC working intervals of the local dates of one year, plus each business day's close. */
export interface YearIntervals {
  readonly year: number;
  /** Intervals in the order of their days (not merged: days may overlap through overnight shifts). */
  readonly segments: readonly TimeSegment[];
  /** Per business day (a date with working time): the end of its last interval, in date order. */
  readonly dayCloses: readonly number[];
}

/** Converts local wall-clock shifts into instants; only runs when a year is first needed. */
export function buildYearIntervals(
  year: number,
  zone: ZoneOffsets,
  hoursOf: (day: number) => readonly MinuteRange[],
): YearIntervals {
  const first = daysFromCivil(year, 1, 1);
  const last = daysFromCivil(year + 1, 1, 1);
  const segments: TimeSegment[] = [];
  const dayCloses: number[] = [];
  for (let day = first; day < last; day++) {
    const ranges = hoursOf(day);
    if (ranges.length === 0) continue;
    const wall = day * DAY_MS;
    let close = Number.NEGATIVE_INFINITY;
    for (const r of ranges) {
      const start = zone.wallToEpoch(wall + r.start * MINUTE_MS);
      const end = zone.wallToEpoch(wall + r.end * MINUTE_MS);
      if (end <= start) continue; // swallowed by a DST gap
      segments.push({ start, end });
      if (end > close) close = end;
    }
    if (close > Number.NEGATIVE_INFINITY) dayCloses.push(close);
  }
  return { year, segments, dayCloses };
}
