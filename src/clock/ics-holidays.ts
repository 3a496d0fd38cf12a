import { InputError } from "../errors/index.js";
import { daysFromCivil, daysInMonth, formatIsoDate } from "./civil-date.js";

/**
 * Reads all-day VEVENTs of an iCalendar file as holiday dates ("YYYY-MM-DD"), expanding
 * `RRULE:FREQ=YEARLY` (optionally with COUNT/UNTIL/INTERVAL) over the given year range.
 * Multi-day events (DTEND after DTSTART) give every day in between.
 */
export function importIcsHolidays(
  text: string,
  name: string,
  range: { fromYear: number; toYear: number },
): string[] {
  const lines = unfold(text);
  const out = new Set<string>();
  let inEvent = false;
  let eventLine = 0;
  let props: Map<string, { params: string; value: string }> = new Map();
  lines.forEach(({ text: line, number }) => {
    if (line === "BEGIN:VEVENT") {
      inEvent = true;
      eventLine = number;
      props = new Map();
      return;
    }
    if (line === "END:VEVENT") {
      inEvent = false;
      for (const d of expandEvent(props, name, eventLine, range)) out.add(d);
      return;
    }
    if (!inEvent) return;
    const colon = line.indexOf(":");
    if (colon < 0) return;
    const head = line.slice(0, colon);
    const [key, ...params] = head.split(";");
    props.set(key.toUpperCase(), {
      params: params.join(";").toUpperCase(),
      value: line.slice(colon + 1).trim(),
    });
  });
  if (inEvent) throw new InputError(name, "BEGIN:VEVENT without END:VEVENT", eventLine);
  return [...out].sort();
}

function unfold(text: string): { text: string; number: number }[] {
  const out: { text: string; number: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if ((raw.startsWith(" ") || raw.startsWith("\t")) && out.length) out[out.length - 1].text += raw.slice(1);
    else out.push({ text: raw.trimEnd(), number: i + 1 });
  });
  return out;
}

function dateValue(v: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

function expandEvent(
  props: Map<string, { params: string; value: string }>,
  name: string,
  line: number,
  range: { fromYear: number; toYear: number },
): string[] {
  const start = props.get("DTSTART");
  if (!start) throw new InputError(name, "VEVENT without DTSTART", line);
  const allDay = start.params.includes("VALUE=DATE") || /^\d{8}$/.test(start.value);
  if (!allDay) return []; // timed events are not holidays
  const s = dateValue(start.value);
  if (!s) throw new InputError(name, `DTSTART "${start.value}": not a valid date`, line);
  const endProp = props.get("DTEND");
  const e = endProp ? dateValue(endProp.value) : null;
  const startDay = daysFromCivil(s.y, s.m, s.d);
  const length = e ? Math.max(1, daysFromCivil(e.y, e.m, e.d) - startDay) : 1;
  const rule = props.get("RRULE")?.value;
  const occurrences: number[] = [];
  if (!rule) occurrences.push(startDay);
  else {
    const parts = Object.fromEntries(rule.split(";").map((p) => p.split("=") as [string, string]));
    if (parts.FREQ !== "YEARLY")
      throw new InputError(name, `RRULE "${rule}": only FREQ=YEARLY is supported`, line);
    const interval = Number(parts.INTERVAL ?? 1);
    const count = parts.COUNT ? Number(parts.COUNT) : Number.POSITIVE_INFINITY;
    const until = parts.UNTIL ? dateValue(parts.UNTIL.slice(0, 8)) : null;
    const untilDay = until ? daysFromCivil(until.y, until.m, until.d) : Number.POSITIVE_INFINITY;
    let n = 0;
    for (let y = s.y; y <= range.toYear && n < count; y += interval) {
      if (s.d > daysInMonth(y, s.m)) continue; // Feb 29 in a common year
      const day = daysFromCivil(y, s.m, s.d);
      if (day > untilDay) break;
      n++;
      occurrences.push(day);
    }
  }
  const out: string[] = [];
  for (const o of occurrences) {
    for (let k = 0; k < length; k++) {
      const iso = formatIsoDate(o + k);
      const year = Number(iso.slice(0, 4));
      if (year >= range.fromYear && year <= range.toYear) out.push(iso);
    }
  }
  return out;
}
