import { InputError } from "../errors/index.js";
import { DAY_MS, daysFromCivil, daysInMonth } from "./civil-date.js";

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

/**
 * Epoch ms of an ISO instant, or NaN. Hand-rolled (no regex) because timelines parse millions: the
 * common shapes (`YYYY-MM-DDTHH:MM[:SS[.fff]]` then `Z` or `±HH:MM`) take a straight-line fast path;
 * anything else (a space or lower-case `t`, `±HHMM`, other fraction lengths) takes the general one.
 */
export function instantMs(iso: string): number {
  return parseCommonInstant(iso) ? parsed[0] : generalInstantMs(iso);
}

/** The fast path's result (a typed array slot holds a double without allocating). */
const parsed = new Float64Array(1);

/** Days since 1970 of March 1 of year y (years start in March so that Feb 29 falls last). */
const MARCH_DAYS_FROM = 1900;
const MARCH_DAYS_TO = 2200;
const marchDays = new Float64Array(MARCH_DAYS_TO - MARCH_DAYS_FROM);
for (let y = MARCH_DAYS_FROM; y < MARCH_DAYS_TO; y++) marchDays[y - MARCH_DAYS_FROM] = daysFromCivil(y, 3, 1);
/** Day of the March-based year of the 1st of each month (index 1–12). */
const MONTH_START = [0, 306, 337, 0, 31, 61, 92, 122, 153, 184, 214, 245, 275];

/**
 * The fast path: false when the text is not one of the common shapes (the general path decides).
 * The result goes to `parsed[0]` rather than being returned, so that it is never boxed.
 * Digits are checked without branches: `d | (9 - d)` is negative exactly when d is not 0–9.
 */
function parseCommonInstant(s: string): boolean {
  const len = s.length;
  if (len < 17 || len > 29) return false;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58)
    return false;
  let d = s.charCodeAt(0) - 48;
  let bad = d | (9 - d);
  let year = d * 1000;
  d = s.charCodeAt(1) - 48;
  bad |= d | (9 - d);
  year += d * 100;
  d = s.charCodeAt(2) - 48;
  bad |= d | (9 - d);
  year += d * 10;
  d = s.charCodeAt(3) - 48;
  bad |= d | (9 - d);
  year += d;
  d = s.charCodeAt(5) - 48;
  bad |= d | (9 - d);
  let month = d * 10;
  d = s.charCodeAt(6) - 48;
  bad |= d | (9 - d);
  month += d;
  d = s.charCodeAt(8) - 48;
  bad |= d | (9 - d);
  let day = d * 10;
  d = s.charCodeAt(9) - 48;
  bad |= d | (9 - d);
  day += d;
  d = s.charCodeAt(11) - 48;
  bad |= d | (9 - d);
  let minutes = d * 600;
  d = s.charCodeAt(12) - 48;
  bad |= d | (9 - d);
  minutes += d * 60;
  if (minutes > 23 * 60) bad = -1;
  d = s.charCodeAt(14) - 48;
  bad |= d | (5 - d);
  minutes += d * 10;
  d = s.charCodeAt(15) - 48;
  bad |= d | (9 - d);
  minutes += d;
  let ms = 0;
  let i = 16;
  let c = s.charCodeAt(16);
  if (c === 58) {
    if (len < 20) return false;
    d = s.charCodeAt(17) - 48;
    bad |= d | (5 - d);
    ms = d * 10_000;
    d = s.charCodeAt(18) - 48;
    bad |= d | (9 - d);
    ms += d * 1000;
    i = 19;
    c = s.charCodeAt(19);
    if (c === 46) {
      if (len < 24) return false;
      d = s.charCodeAt(20) - 48;
      bad |= d | (9 - d);
      ms += d * 100;
      d = s.charCodeAt(21) - 48;
      bad |= d | (9 - d);
      ms += d * 10;
      d = s.charCodeAt(22) - 48;
      bad |= d | (9 - d);
      ms += d;
      i = 23;
      c = s.charCodeAt(23);
    }
  }
  let offset = 0;
  if (c === 90) {
    if (i + 1 !== len) return false;
  } else if (c === 43 || c === 45) {
    if (i + 6 !== len || s.charCodeAt(i + 3) !== 58) return false;
    d = s.charCodeAt(i + 1) - 48;
    bad |= d | (9 - d);
    offset = d * 600;
    d = s.charCodeAt(i + 2) - 48;
    bad |= d | (9 - d);
    offset += d * 60;
    if (offset > 23 * 60) bad = -1;
    d = s.charCodeAt(i + 4) - 48;
    bad |= d | (5 - d);
    offset += d * 10;
    d = s.charCodeAt(i + 5) - 48;
    bad |= d | (9 - d);
    offset += d;
    if (c === 45) offset = -offset;
  } else return false;
  if (bad < 0 || month < 1 || month > 12 || day < 1) return false;
  if (day > 28 && day > daysInMonth(year, month)) return false;
  // March-based year: January and February belong to the previous one
  const my = month > 2 ? year : year - 1;
  if (my < MARCH_DAYS_FROM || my >= MARCH_DAYS_TO) return false;
  const days = marchDays[my - MARCH_DAYS_FROM] + MONTH_START[month] + day - 1;
  parsed[0] = days * DAY_MS + (minutes - offset) * 60_000 + ms;
  return true;
}

/** Every shape the validator accepts (see ISO_RE), or NaN. */
export function generalInstantMs(iso: string): number {
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
