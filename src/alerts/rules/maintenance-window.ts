import { Temporal } from "temporal-polyfill";

/** A committed maintenance window read from the terms' phrase ("每周二凌晨 02:00-06:00", "Sundays 2 AM - 4 AM UTC"). */
export interface CommittedWindow {
  /** ISO weekdays (1 = Monday … 7 = Sunday); null = every day. */
  days: number[] | null;
  /** Minutes after local midnight; `end <= start` runs past midnight. */
  start: number;
  end: number;
  timezone: string;
}

const ZH_DAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const EN_DAY: [RegExp, number][] = [
  [/\bmon(?:day)?s?\b/i, 1],
  [/\btue(?:s|sday)?s?\b/i, 2],
  [/\bwed(?:nesday)?s?\b/i, 3],
  [/\bthu(?:rs|rsday)?s?\b/i, 4],
  [/\bfri(?:day)?s?\b/i, 5],
  [/\bsat(?:urday)?s?\b/i, 6],
  [/\bsun(?:day)?s?\b/i, 7],
];
const RANGE =
  /(\d{1,2})(?:[:：](\d{2}))?\s*(am|pm)?\s*(?:点|时)?\s*(?:[-–~～至到]|to)\s*(?:次日)?\s*(?:凌晨|早上)?\s*(\d{1,2})(?:[:：](\d{2}))?\s*(am|pm)?/i;

/**
 * Reads a window phrase; null when it names no time range (then nothing is judged against it).
 * A zone named in the phrase wins (北京时间/CST → Asia/Shanghai, UTC/GMT), else `defaultZone`.
 */
export function parseCommittedWindow(phrase: string, defaultZone: string): CommittedWindow | null {
  const m = RANGE.exec(phrase);
  if (!m) return null;
  const evening = /(?:晚上|夜间)\s*$/.test(phrase.slice(0, m.index));
  const hour = (h: string, ampm: string | undefined, pmHint: boolean) => {
    let v = Number(h);
    if (ampm?.toLowerCase() === "pm" && v < 12) v += 12;
    else if (ampm?.toLowerCase() === "am" && v === 12) v = 0;
    else if (!ampm && pmHint && v < 12) v += 12;
    return v;
  };
  const sh = hour(m[1], m[3], evening);
  const eh = hour(m[4], m[6] ?? (m[3] && !m[6] ? m[3] : undefined), false);
  if (sh > 24 || eh > 24) return null;
  const start = sh * 60 + Number(m[2] ?? 0);
  const end = eh * 60 + Number(m[5] ?? 0);
  const days = new Set<number>();
  for (const d of phrase.matchAll(/(?:周|星期|礼拜)([一二三四五六日天])/g)) days.add(ZH_DAY[d[1]]);
  for (const [re, n] of EN_DAY) if (re.test(phrase)) days.add(n);
  if (/weekends?/i.test(phrase) || /周末/.test(phrase)) {
    days.add(6);
    days.add(7);
  }
  const timezone = /北京时间|\bCST\b|(?:UTC|GMT)\s?\+\s?0?8\b/.test(phrase)
    ? "Asia/Shanghai"
    : /\b(?:UTC|GMT)\b/.test(phrase)
      ? "UTC"
      : defaultZone;
  return { days: days.size ? [...days].sort() : null, start, end, timezone };
}

/** Whether [start, end) lies inside one occurrence of the committed window. */
export function insideWindow(w: CommittedWindow, start: Date, end: Date): boolean {
  const local = Temporal.Instant.fromEpochMilliseconds(start.getTime()).toZonedDateTimeISO(w.timezone);
  for (const back of [1, 0]) {
    const day = local.toPlainDate().subtract({ days: back });
    if (w.days && !w.days.includes(day.dayOfWeek)) continue;
    const at = (d: Temporal.PlainDate, minutes: number) =>
      d
        .toZonedDateTime({ timeZone: w.timezone, plainTime: Temporal.PlainTime.from({ hour: 0 }) })
        .add({ minutes }).epochMilliseconds;
    const occStart = at(day, w.start);
    const occEnd = at(w.end <= w.start ? day.add({ days: 1 }) : day, w.end);
    if (occStart <= start.getTime() && end.getTime() <= occEnd) return true;
  }
  return false;
}
