import { InputError } from "../errors/index.js";
import { civilFromDays, DAY_MS, daysFromCivil, daysInMonth, pad2 } from "./civil-date.js";

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses an ISO 8601 instant with an explicit offset (Z or ±HH:MM). Impossible dates (2025-02-30,
 * 25:00) are an InputError naming `source`.
 */
export function parseInstant(iso: string, source: string): Date {
  const ms = instantMs(iso);
  if (Number.isNaN(ms)) throw new InputError(source, `"${iso}": ${instantProblem(iso)}`);
  return new Date(ms);
}

/** Epoch ms of an ISO instant, or NaN. Hand-rolled (no regex) because timelines parse millions. */
export function instantMs(iso: string): number {
  const len = iso.length;
  if (len < 17) return Number.NaN;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const hour = digits(iso, 11, 2);
  const minute = digits(iso, 14, 2);
  const sep = iso.charCodeAt(10);
  if (iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || iso.charCodeAt(13) !== 58) return Number.NaN;
  if (sep !== 84 && sep !== 116 && sep !== 32) return Number.NaN; // T, t or space
  let i = 16;
  let second = 0;
  let frac = 0;
  if (iso.charCodeAt(i) === 58) {
    second = digits(iso, 17, 2);
    i = 19;
    const c = iso.charCodeAt(i);
    if (c === 46 || c === 44) {
      let scale = 100;
      let n = 0;
      for (i++; i < len; i++) {
        const d = iso.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        frac += d * scale;
        scale /= 10;
        n++;
      }
      if (n === 0 || n > 9) return Number.NaN;
      frac = Math.floor(frac);
    }
  }
  let offset = 0;
  const z = iso.charCodeAt(i);
  if (z === 90 || z === 122) {
    if (i + 1 !== len) return Number.NaN;
  } else if (z === 43 || z === 45) {
    const oh = digits(iso, i + 1, 2);
    const colon = iso.charCodeAt(i + 3) === 58 ? 1 : 0;
    const om = digits(iso, i + 3 + colon, 2);
    if (i + 5 + colon !== len || oh > 23 || om > 59) return Number.NaN;
    offset = (oh * 60 + om) * 60_000 * (z === 45 ? -1 : 1);
  } else return Number.NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return (
    daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + frac - offset
  );
}

/** The number in `count` ASCII digits at `at`, or NaN. */
function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let k = 0; k < count; k++) {
    const d = s.charCodeAt(at + k) - 48;
    if (!(d >= 0 && d <= 9)) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

function instantProblem(iso: string): string {
  if (!ISO_RE.test(iso))
    return "expected an ISO 8601 instant with a UTC offset, e.g. 2025-01-24T18:30:00+08:00";
  return "not a real date or time";
}

/** Small caches: timelines format many instants on the same few days and whole minutes. */
const DAY_SLOTS = 256;
const slotDay = new Float64Array(DAY_SLOTS).fill(Number.NaN);
const slotPrefix: string[] = new Array(DAY_SLOTS).fill("");
const minuteTexts: string[] = new Array(1440).fill("");
const offsetTexts = new Map<number, string>();

function datePrefix(days: number): string {
  const slot = days & (DAY_SLOTS - 1);
  if (slotDay[slot] === days) return slotPrefix[slot];
  const { year, month, day } = civilFromDays(days);
  const text = `${year}-${pad2(month)}-${pad2(day)}T`;
  slotDay[slot] = days;
  slotPrefix[slot] = text;
  return text;
}

function offsetText(offsetMs: number): string {
  let text = offsetTexts.get(offsetMs);
  if (text === undefined) {
    const abs = Math.abs(Math.round(offsetMs / 60_000));
    text = `${offsetMs < 0 ? "-" : "+"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    offsetTexts.set(offsetMs, text);
  }
  return text;
}

/** ISO 8601 text of an instant at a given UTC offset (ms): 2025-01-26T13:00:00+08:00. */
export function formatInstant(ms: number, offsetMs: number): string {
  const local = ms + offsetMs;
  const days = Math.floor(local / DAY_MS);
  const inDay = local - days * DAY_MS;
  const minute = Math.floor(inDay / 60_000);
  const rest = inDay - minute * 60_000;
  if (rest === 0) {
    let time = minuteTexts[minute];
    if (!time) {
      time = `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}:00`;
      minuteTexts[minute] = time;
    }
    return datePrefix(days) + time + offsetText(offsetMs);
  }
  const s = Math.floor(rest / 1000);
  const frac = rest % 1000;
  const time = `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}:${pad2(s)}`;
  return `${datePrefix(days)}${time}${frac ? `.${String(frac).padStart(3, "0")}` : ""}${offsetText(offsetMs)}`;
}
