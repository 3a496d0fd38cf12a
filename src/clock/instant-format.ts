import { civilFromDays, DAY_MS, pad2 } from "./civil-date.js";

/**
 * Caches for formatting: replays format millions of instants, nearly all on whole minutes, on dates
 * within a few years and in a handful of UTC offsets. A whole-minute instant is two cached texts
 * joined once: "2025-01-26T" + "13:00:00+08:00".
 */
const DAY_SLOTS = 4096; // direct-mapped by day number: 11 years without a collision
const slotDay = new Float64Array(DAY_SLOTS).fill(Number.NaN);
const slotPrefix: string[] = new Array(DAY_SLOTS).fill("");
/** Per UTC offset (ms): the 1440 whole-minute texts "HH:MM:00±HH:MM", filled lazily. */
const minuteTextsByOffset = new Map<number, string[]>();
const offsetTexts = new Map<number, string>();
let lastOffset = Number.NaN;
let lastMinuteTexts: string[] = [];
let lastMs = Number.NaN;
let lastMsOffset = Number.NaN;
let lastText = "";

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

function minuteTexts(offsetMs: number): string[] {
  if (offsetMs === lastOffset) return lastMinuteTexts;
  let texts = minuteTextsByOffset.get(offsetMs);
  if (!texts) {
    texts = new Array(1440).fill("");
    minuteTextsByOffset.set(offsetMs, texts);
  }
  lastOffset = offsetMs;
  lastMinuteTexts = texts;
  return texts;
}

/** ISO 8601 text of an instant at a given UTC offset (ms): 2025-01-26T13:00:00+08:00. */
export function formatInstant(ms: number, offsetMs: number): string {
  if (ms === lastMs && offsetMs === lastMsOffset) return lastText; // e.g. due reported twice
  const local = ms + offsetMs;
  const days = Math.floor(local / DAY_MS);
  const inDay = local - days * DAY_MS;
  const minute = Math.floor(inDay / 60_000);
  const rest = inDay - minute * 60_000;
  let text: string;
  if (rest === 0) {
    const texts = minuteTexts(offsetMs);
    let time = texts[minute];
    if (!time) {
      time = `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}:00${offsetText(offsetMs)}`;
      texts[minute] = time;
    }
    text = datePrefix(days) + time;
  } else {
    const s = Math.floor(rest / 1000);
    const frac = rest % 1000;
    const time = `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}:${pad2(s)}`;
    text = `${datePrefix(days)}${time}${frac ? `.${String(frac).padStart(3, "0")}` : ""}${offsetText(offsetMs)}`;
  }
  lastMs = ms;
  lastMsOffset = offsetMs;
  lastText = text;
  return text;
}
