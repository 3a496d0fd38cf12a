import { InputError } from "../errors/index.js";
import type { BusinessCalendar, CalendarDef } from "./calendar-types.js";
import { civilFromDays, DAY_MS, daysFromCivil, MINUTE_MS } from "./civil-date.js";
import { dayHoursResolver } from "./day-hours.js";
import { formatInstant } from "./instant-format.js";
import { SortedIndex } from "./sorted-index.js";
import { mergeSegments, type TimeSegment } from "./time-segment.js";
import { buildYearIntervals, type YearIntervals } from "./working-intervals.js";
import { type ZoneOffsets, zoneOffsets } from "./zone-offsets.js";

/** How many empty years `add` and `nextOpen` look ahead before deciding the calendar never opens. */
const MAX_EMPTY_YEARS = 8;
/** The widest range of years one calendar builds (guards absurd inputs such as 10^12 minutes). */
const MAX_SPAN_YEARS = 200;

/**
 * Business-time arithmetic over a sorted list of merged UTC working intervals with prefix sums
 * (`cum[i]` = business ms before interval i, stable across rebuilds). Years are built lazily and
 * cached; every query is a binary search.
 */
export class CompiledCalendar implements BusinessCalendar {
  readonly name: string;
  readonly timezone: string;
  private readonly zone: ZoneOffsets;
  private readonly hoursOf: ReturnType<typeof dayHoursResolver>;
  private readonly spills: boolean;
  private readonly years = new Map<number, YearIntervals>();
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  private cum = new Float64Array(1);
  private closes = new Float64Array(0);
  private startsIdx = new SortedIndex(this.starts);
  /** Over cum[1..n]: countBelow(c) is the first interval whose end reads >= c. */
  private cumIdx = new SortedIndex(this.cum.subarray(1));
  private closesIdx = new SortedIndex(this.closes);
  private loYear = Number.NaN;
  private hiYear = Number.NaN;
  private safeLo = Number.POSITIVE_INFINITY;
  private safeHi = Number.NEGATIVE_INFINITY;
  private cumAtSafeHi = 0;
  private anchor = Number.NaN;

  constructor(def: CalendarDef) {
    this.name = def.name;
    this.timezone = def.timezone;
    this.zone = zoneOffsets(def.timezone);
    this.hoursOf = dayHoursResolver(def);
    const all = [...def.hours.flat(), ...(def.makeupHours ?? []), ...def.workdays.flatMap((w) => w.hours)];
    this.spills = all.some((r) => r.end > 1440);
  }

  add(from: Date, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new InputError(this.name, `add: minutes must be a number ≥ 0 (got ${minutes})`);
    }
    const f = instantOf(from, "from");
    if (minutes === 0) return new Date(this.nextOpenMs(f));
    return new Date(this.instantAtCum(this.cumAt(f) + minutes * MINUTE_MS));
  }

  addBusinessDays(from: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) {
      throw new InputError(this.name, `addBusinessDays: days must be a whole number ≥ 0 (got ${days})`);
    }
    return new Date(this.addBusinessDaysMs(instantOf(from, "from"), days));
  }

  /** `addBusinessDays` on epoch ms (no validation; the timeline's path). */
  addBusinessDaysMs(from: number, days: number): number {
    const s = this.nextOpenMs(from);
    for (let empty = 0; ; ) {
      const k = this.closesIdx.countAtOrBelow(s); // the first close after s
      if (k + days < this.closes.length) return this.closes[k + days];
      if (!this.extendHi()) empty++;
      if (empty > MAX_EMPTY_YEARS) this.neverOpens();
    }
  }

  between(from: Date, to: Date): number {
    const f = instantOf(from, "from");
    const t = instantOf(to, "to");
    if (f > t) {
      throw new InputError(this.name, `between: from ${this.formatMs(f)} is after to ${this.formatMs(t)}`);
    }
    this.ensure(t);
    return Math.floor((this.cumAt(t) - this.cumAt(f)) / MINUTE_MS);
  }

  isOpen(at: Date): boolean {
    const t = instantOf(at, "at");
    this.ensure(t);
    const i = this.lastStartAtOrBefore(t);
    return i >= 0 && t < this.ends[i];
  }

  nextOpen(at: Date): Date {
    return new Date(this.nextOpenMs(instantOf(at, "at")));
  }

  nextClose(at: Date): Date {
    const t = instantOf(at, "at");
    this.ensure(t);
    for (let empty = 0, rounds = 0; ; rounds++) {
      if (rounds > MAX_EMPTY_YEARS) {
        throw new InputError(this.name, `nextClose: no closing time within ${MAX_EMPTY_YEARS} years`);
      }
      const i = this.lastStartAtOrBefore(t);
      const j = i >= 0 && t < this.ends[i] ? i : i + 1;
      // an interval reaching past the built range may continue into the next year
      if (j < this.ends.length && this.ends[j] < this.safeHi) return new Date(this.ends[j]);
      if (!this.extendHi()) empty++;
      if (empty > MAX_EMPTY_YEARS) this.neverOpens();
    }
  }

  format(at: Date): string {
    return this.formatMs(instantOf(at, "at"));
  }

  formatMs(ms: number): string {
    return formatInstant(ms, this.zone.offsetAt(ms));
  }

  /** Business ms from a fixed anchor to `t` (negative before it). The timeline's hot path. */
  cumAt(t: number): number {
    if (!(t >= this.safeLo && t < this.safeHi)) this.ensure(t);
    const i = this.startsIdx.countAtOrBelow(t) - 1;
    if (i < 0) return this.cum[0];
    return this.cum[i] + Math.min(t, this.ends[i]) - this.starts[i];
  }

  /** The instant at which the business clock reads `c` (> cumAt of some built instant). */
  instantAtCum(c: number): number {
    for (let empty = 0; c > this.cumAtSafeHi; ) {
      if (!this.extendHi()) empty++;
      if (empty > MAX_EMPTY_YEARS) this.neverOpens();
    }
    // the first interval whose end reads >= c (the last one when none does)
    const n = this.starts.length;
    let j = this.cumIdx.countBelow(c);
    if (j >= n) j = n - 1;
    if (j < 0) j = 0;
    return this.starts[j] + (c - this.cum[j]);
  }

  /** Index of the last interval starting at or before t, or -1. */
  private lastStartAtOrBefore(t: number): number {
    return this.startsIdx.countAtOrBelow(t) - 1;
  }

  nextOpenMs(t: number): number {
    this.ensure(t);
    for (let empty = 0; ; ) {
      const i = this.lastStartAtOrBefore(t);
      if (i >= 0 && t < this.ends[i]) return t;
      if (i + 1 < this.starts.length) return this.starts[i + 1];
      if (!this.extendHi()) empty++;
      if (empty > MAX_EMPTY_YEARS) this.neverOpens();
    }
  }

  /** Makes sure the local years around `t` are built (t in [safeLo, safeHi)). */
  private ensure(t: number): void {
    if (t >= this.safeLo && t < this.safeHi) return;
    const day = Math.floor((t + this.zone.offsetAt(t)) / DAY_MS);
    const { year, month, day: dom } = civilFromDays(day);
    const needLo = this.spills && month === 1 && dom === 1 ? year - 1 : year;
    const lo = Number.isNaN(this.loYear) ? needLo : Math.min(this.loYear, needLo);
    const hi = Number.isNaN(this.hiYear) ? year : Math.max(this.hiYear, year);
    if (hi - lo > MAX_SPAN_YEARS) {
      throw new InputError(this.name, `instants more than ${MAX_SPAN_YEARS} years apart (${lo}–${hi})`);
    }
    // build the years asked about first, so a missing year in the data is reported as that year
    for (let y = needLo; y <= year; y++) this.yearIntervals(y);
    this.rebuild(lo, hi);
  }

  /** Adds the next year; returns whether that year had any working time. */
  private extendHi(): boolean {
    const year = this.hiYear + 1;
    if (year - this.loYear > MAX_SPAN_YEARS) {
      throw new InputError(this.name, `the result lies more than ${MAX_SPAN_YEARS} years away`);
    }
    this.rebuild(this.loYear, year);
    return (this.years.get(year)?.segments.length ?? 0) > 0;
  }

  private rebuild(loYear: number, hiYear: number): void {
    const raw: TimeSegment[] = [];
    const closes: number[] = [];
    for (let y = loYear; y <= hiYear; y++) {
      const yi = this.yearIntervals(y);
      for (const s of yi.segments) raw.push(s);
      for (const c of yi.dayCloses) closes.push(c);
    }
    const merged = mergeSegments(raw);
    const n = merged.length;
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    const cum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      starts[i] = merged[i].start;
      ends[i] = merged[i].end;
      cum[i + 1] = cum[i] + merged[i].end - merged[i].start;
    }
    this.starts = starts;
    this.ends = ends;
    this.cum = cum;
    this.startsIdx = new SortedIndex(starts);
    this.closes = Float64Array.from(closes).sort(); // numeric for typed arrays
    this.closesIdx = new SortedIndex(this.closes);
    this.loYear = loYear;
    this.hiYear = hiYear;
    const lo = daysFromCivil(loYear, 1, this.spills ? 2 : 1) * DAY_MS;
    this.safeLo = this.zone.wallToEpoch(lo);
    this.safeHi = this.zone.wallToEpoch(daysFromCivil(hiYear + 1, 1, 1) * DAY_MS);
    // keep cum readings stable: the anchor (first safe instant ever built) always reads 0
    if (Number.isNaN(this.anchor)) this.anchor = this.safeLo;
    const shift = this.rawCumAt(this.anchor);
    for (let i = 0; i <= n; i++) cum[i] -= shift;
    this.cumIdx = new SortedIndex(cum.subarray(1));
    this.cumAtSafeHi = this.rawCumAt(this.safeHi);
  }

  private yearIntervals(year: number): YearIntervals {
    let yi = this.years.get(year);
    if (!yi) {
      yi = buildYearIntervals(year, this.zone, this.hoursOf);
      this.years.set(year, yi);
    }
    return yi;
  }

  private rawCumAt(t: number): number {
    const i = this.lastStartAtOrBefore(t);
    if (i < 0) return this.cum[0];
    return this.cum[i] + Math.min(t, this.ends[i]) - this.starts[i];
  }

  private neverOpens(): never {
    throw new InputError(
      this.name,
      `no working time in the ${MAX_EMPTY_YEARS} years after ${this.hiYear - MAX_EMPTY_YEARS}`,
    );
  }
}

function instantOf(d: Date, field: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new InputError(field, "not a valid instant");
  return t;
}

export function compileCalendar(def: CalendarDef): BusinessCalendar {
  return new CompiledCalendar(def);
}
