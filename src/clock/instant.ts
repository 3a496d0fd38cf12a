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

/** Epoch ms of an ISO instant, or NaN. Hand-rolled because timelines parse millions of them. */
export function instantMs(iso: string): number {
  const m = ISO_RE.exec(iso);
  if (!m) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const frac = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  let offset = 0;
  if (!m[8]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return Number.NaN;
    offset = (oh * 60 + om) * 60_000 * (m[9] === "-" ? -1 : 1);
  }
  return (
    daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + frac - offset
  );
}

function instantProblem(iso: string): string {
  if (!ISO_RE.test(iso))
    return "expected an ISO 8601 instant with a UTC offset, e.g. 2025-01-24T18:30:00+08:00";
  return "not a real date or time";
}

/** ISO 8601 text of an instant at a given UTC offset (ms): 2025-01-26T13:00:00+08:00. */
export function formatInstant(ms: number, offsetMs: number): string {
  const local = ms + offsetMs;
  const days = Math.floor(local / DAY_MS);
  const inDay = local - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  const h = Math.floor(inDay / 3_600_000);
  const mi = Math.floor((inDay % 3_600_000) / 60_000);
  const s = Math.floor((inDay % 60_000) / 1000);
  const frac = inDay % 1000;
  let text = `${year}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
  if (frac) text += `.${String(frac).padStart(3, "0")}`;
  const abs = Math.abs(Math.round(offsetMs / 60_000));
  return `${text}${offsetMs < 0 ? "-" : "+"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}
