/** Normalised calendar definition (CONTRACTS.md §2), produced by `parseCalendar` / `loadCalendar`. */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes from local midnight of the day the shift starts on; `end` may pass 1440 (overnight). */
export interface MinuteRange {
  readonly start: number;
  readonly end: number;
}

export interface ExtraWorkday {
  readonly date: string;
  readonly hours: readonly MinuteRange[];
}

export interface CalendarDef {
  readonly name: string;
  readonly timezone: string;
  readonly region: "CN" | null;
  /** Index 0 = Monday … 6 = Sunday; an empty list is a closed day. */
  readonly hours: readonly (readonly MinuteRange[])[];
  readonly holidays: readonly string[];
  readonly makeupHours: readonly MinuteRange[] | null;
  readonly workdays: readonly ExtraWorkday[];
}

/** The business calendar: all arithmetic is exact to the millisecond (see README). */
export interface BusinessCalendar {
  readonly name: string;
  readonly timezone: string;
  /** The instant at which `minutes` business minutes have elapsed from `from`. */
  add(from: Date, minutes: number): Date;
  /** The close of the `days`-th business day after the one counting starts on (0 = that day's close). */
  addBusinessDays(from: Date, days: number): Date;
  /** Whole business minutes in [from, to). */
  between(from: Date, to: Date): number;
  isOpen(at: Date): boolean;
  /** `at` itself when open, else the start of the next working interval. */
  nextOpen(at: Date): Date;
  /** The end of the working interval open at `at`, else of the next one. */
  nextClose(at: Date): Date;
  /** ISO 8601 with the calendar's UTC offset at that instant. */
  format(at: Date): string;
}
