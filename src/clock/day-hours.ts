import { InputError } from "../errors/index.js";
import type { CalendarDef, MinuteRange } from "./calendar-types.js";
import { civilFromDays, isoWeekday, parseIsoDate } from "./civil-date.js";
import { type RegionSchedule, regionSchedule } from "./holiday-data.js";

const CLOSED: readonly MinuteRange[] = [];

/**
 * The hours that apply on one local date. Precedence (CONTRACTS §2): explicit workdays >
 * explicit holidays > region schedule > weekly hours.
 */
export function dayHoursResolver(def: CalendarDef): (day: number) => readonly MinuteRange[] {
  const workdays = new Map<number, readonly MinuteRange[]>();
  for (const w of def.workdays) workdays.set(parseIsoDate(w.date) as number, w.hours);
  const holidays = new Set<number>(def.holidays.map((d) => parseIsoDate(d) as number));
  const region: RegionSchedule | null = def.region ? regionSchedule(def.region) : null;
  const makeup = def.makeupHours ?? def.hours[0];
  return (day) => {
    const extra = workdays.get(day);
    if (extra) return extra;
    if (holidays.has(day)) return CLOSED;
    if (region) {
      const status = region.status(day);
      if (status === null) {
        const year = civilFromDays(day).year;
        const known = [...region.years].sort((a, b) => a - b);
        throw new InputError(
          def.name,
          `region ${region.region}: no official holiday data for ${year} (bundled years: ${known.join(", ")})`,
        );
      }
      if (status === "holiday") return CLOSED;
      if (status === "workday") return makeup;
    }
    return def.hours[isoWeekday(day) - 1];
  };
}
