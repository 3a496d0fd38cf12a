import { InputError } from "../errors/index.js";
import type { CalendarDef, ExtraWorkday, MinuteRange } from "./calendar-types.js";
import { WEEKDAYS } from "./calendar-types.js";
import { parseIsoDate } from "./civil-date.js";
import { type FieldPath, formatPath, parseSourceText } from "./source-lines.js";
import { formatMinuteRange, parseMinuteRange } from "./time-of-day.js";
import { isKnownZone } from "./zone-offsets.js";

const TOP_KEYS = ["name", "timezone", "region", "hours", "holidays", "makeup_hours", "workdays"];
const REGIONS = ["CN"] as const;

type LineOf = (path: FieldPath) => number | null;

/** Reads a calendar from YAML or JSON text; every error names the field and its line. */
export function loadCalendar(source: string, name: string): CalendarDef {
  const text = parseSourceText(source, name);
  return validateCalendar(text.value, name, text.lineOf);
}

/** Validates an already parsed calendar object (no line numbers available). */
export function parseCalendar(def: unknown, name: string): CalendarDef {
  return validateCalendar(def, name, () => null);
}

/** Validates a calendar found at `prefix` inside a larger document (a policy's calendars). */
export function validateCalendar(
  raw: unknown,
  name: string,
  lineOf: LineOf,
  prefix: FieldPath = [],
): CalendarDef {
  const fail = (path: FieldPath, reason: string): never => {
    const full = [...prefix, ...path];
    throw new InputError(name, full.length ? `${formatPath(full)}: ${reason}` : reason, lineOf(full));
  };
  const failValue = (path: FieldPath, value: string, reason: string): never => {
    const full = [...prefix, ...path];
    throw new InputError(name, `${formatPath(full)} "${value}": ${reason}`, lineOf(full));
  };
  if (!isRecord(raw)) fail([], "a calendar must be a mapping with timezone and hours");
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!TOP_KEYS.includes(key)) fail([key], `unknown key (expected one of: ${TOP_KEYS.join(", ")})`);
  }

  const timezone = obj.timezone;
  if (typeof timezone !== "string" || !timezone)
    fail(["timezone"], "required: an IANA time zone such as Asia/Shanghai");
  if (!isKnownZone(timezone as string)) failValue(["timezone"], String(timezone), "unknown time zone");

  let region: "CN" | null = null;
  if (obj.region != null) {
    if (!(REGIONS as readonly unknown[]).includes(obj.region)) {
      failValue(["region"], String(obj.region), `unknown region (expected one of: ${REGIONS.join(", ")})`);
    }
    region = obj.region as "CN";
  }

  const ranges = (path: FieldPath, value: unknown): MinuteRange[] => {
    if (value == null) return [];
    const list = typeof value === "string" ? [value] : value;
    if (!Array.isArray(list)) return fail(path, 'expected a list of "HH:MM-HH:MM" intervals');
    const out: { range: MinuteRange; text: string; index: number }[] = [];
    list.forEach((item, index) => {
      const p = typeof value === "string" ? path : [...path, index];
      if (typeof item !== "string") fail(p, 'expected "HH:MM-HH:MM"');
      const parsed = parseMinuteRange(item as string);
      if (typeof parsed === "string") failValue(p, item as string, parsed);
      out.push({ range: parsed as MinuteRange, text: item as string, index });
    });
    const sorted = [...out].sort((a, b) => a.range.start - b.range.start);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (cur.range.start < prev.range.end) {
        const later = cur.index > prev.index ? cur : prev;
        const other = later === cur ? prev : cur;
        const p = typeof value === "string" ? path : [...path, later.index];
        failValue(p, later.text, `overlaps "${other.text}" on the same day`);
      }
    }
    return sorted.map((s) => s.range);
  };

  const hoursRaw = obj.hours ?? {};
  if (!isRecord(hoursRaw)) fail(["hours"], "expected a mapping of weekdays (mon … sun) to intervals");
  const hoursObj = hoursRaw as Record<string, unknown>;
  for (const key of Object.keys(hoursObj)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      fail(["hours", key], `unknown day (expected one of: ${WEEKDAYS.join(", ")})`);
    }
  }
  const hours = WEEKDAYS.map((day) => ranges(["hours", day], hoursObj[day]));

  const dateAt = (path: FieldPath, value: unknown): string => {
    if (typeof value !== "string") return fail(path, "expected a date YYYY-MM-DD");
    if (parseIsoDate(value) == null) failValue(path, value, "not a valid date (expected YYYY-MM-DD)");
    return value;
  };

  const holidaysRaw = obj.holidays ?? [];
  if (!Array.isArray(holidaysRaw)) fail(["holidays"], "expected a list of dates YYYY-MM-DD");
  const holidays = (holidaysRaw as unknown[]).map((d, i) => dateAt(["holidays", i], d));

  const makeupHours = obj.makeup_hours == null ? null : ranges(["makeup_hours"], obj.makeup_hours);

  const workdaysRaw = obj.workdays ?? [];
  if (!Array.isArray(workdaysRaw)) fail(["workdays"], "expected a list of { date, hours }");
  const seen = new Set<string>();
  const workdays: ExtraWorkday[] = (workdaysRaw as unknown[]).map((w, i) => {
    if (!isRecord(w)) return fail(["workdays", i], 'expected { date: "YYYY-MM-DD", hours: [...] }');
    const entry = w as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (key !== "date" && key !== "hours") fail(["workdays", i, key], "unknown key (expected date, hours)");
    }
    const date = dateAt(["workdays", i, "date"], entry.date);
    if (seen.has(date)) failValue(["workdays", i, "date"], date, "listed twice");
    seen.add(date);
    const wh = ranges(["workdays", i, "hours"], entry.hours);
    if (wh.length === 0) fail(["workdays", i, "hours"], "a workday needs at least one interval");
    return { date, hours: wh };
  });

  const calName =
    typeof obj.name === "string" && obj.name ? obj.name : prefix.length ? String(prefix.at(-1)) : name;
  return {
    name: calName,
    timezone: timezone as string,
    region,
    hours,
    holidays,
    makeupHours,
    workdays,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Renders a normalised calendar back to the CONTRACTS §2 shape (for messages and round trips). */
export function describeHours(ranges: readonly MinuteRange[]): string[] {
  return ranges.map(formatMinuteRange);
}
