import type { MinuteRange } from "./calendar-types.js";

/** Parses "HH:MM-HH:MM" into minutes; returns the reason text when malformed. */
export function parseMinuteRange(text: string): MinuteRange | string {
  const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return 'expected "HH:MM-HH:MM"';
  const [sh, sm, eh, em] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (sm > 59) return "start minutes must be 00-59";
  if (em > 59) return "end minutes must be 00-59";
  if (sh > 23) return "start must be 23:59 or earlier";
  if (eh > 24 || (eh === 24 && em > 0)) return "end must be 24:00 or earlier";
  const start = sh * 60 + sm;
  let end = eh * 60 + em;
  if (start === end) return "start and end are equal (use 00:00-24:00 for a whole day)";
  if (end < start) end += 1440; // overnight: runs into the next day
  return { start, end };
}

export function formatMinute(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

export function formatMinuteRange(r: MinuteRange): string {
  return `${formatMinute(r.start)}-${formatMinute(r.end > 1440 ? r.end - 1440 : r.end)}`;
}
