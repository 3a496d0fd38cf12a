/** Numbers, durations and percentages in zh and en text: "15 分钟", "十五分钟", "one (1) hour", "99.9%". */

export type DurationUnit = "minutes" | "hours" | "days" | "business_days" | "weeks" | "months";

export interface Duration {
  value: number;
  unit: DurationUnit;
  /** "4 business hours", "4 个工作小时": hours counted in business time. */
  businessHours?: boolean;
  /** "每 1 小时", "every 30 minutes": a frequency, not a deadline. */
  frequency?: boolean;
  /** Offsets within the string that was searched. */
  start: number;
  end: number;
}

const ZH_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "十五" → 15, "二十四" → 24, "一百二十" → 120, "两" → 2; null when not a Chinese numeral. */
export function parseChineseNumber(s: string): number | null {
  if (s.length === 0) return null;
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in ZH_DIGITS) {
      digit = ZH_DIGITS[ch] as number;
    } else if (ch in ZH_UNITS) {
      total += (digit < 0 ? 1 : digit) * (ZH_UNITS[ch] as number);
      digit = -1;
    } else {
      return null;
    }
  }
  return total + Math.max(digit, 0);
}

const EN_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  thirty: 30,
  forty: 40,
  "forty-five": 45,
  "forty-eight": 48,
  sixty: 60,
  ninety: 90,
  "twenty-four": 24,
  "seventy-two": 72,
  "one hundred twenty": 120,
  "one hundred eighty": 180,
};

/** Parses one number token: digits, a Chinese numeral (with 半 = ½) or an English number word. */
export function parseNumberToken(token: string): number | null {
  const t = token.trim().toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (t === "半") return 0.5;
  const half = t.endsWith("个半") ? 0.5 : 0;
  const zh = parseChineseNumber(half ? t.slice(0, -2) : t.replace(/个$/, ""));
  if (zh !== null) return zh + half;
  return EN_NUMBERS[t.replace(/\s+/g, " ").replace(/ /g, t.includes("hundred") ? " " : "-")] ?? null;
}

const EN_WORDS = Object.keys(EN_NUMBERS)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/-/g, "[- ]"))
  .join("|");
const NUM = `(\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]{1,5}(?:个半)?|半|\\b(?:${EN_WORDS})\\b)`;
const PAREN = `(?:\\s?[(（]\\s?\\d+(?:\\.\\d+)?\\s?[)）])?`;
const UNIT =
  "(个?工作小时|business[- ]hours?|working[- ]hours?|个?工作日|个?工作天|business[- ]days?|working[- ]days?|分钟|mins?\\b|minutes?\\b|个?小时|个?钟头|hours?\\b|hrs?\\b|h\\b|" +
  "个?自然日|calendar[- ]days?|天|日(?=内|之内|以内|后|之后|起)|days?\\b|周|个?星期|weeks?\\b|个月|months?\\b)";
/** "72+ hours", "one (1) hour", "30-minute": the number may carry a plus, a digit echo or a hyphen. */
const DURATION = new RegExp(`${NUM}\\+?${PAREN}[ \\t]?-?[ \\t]?(?:\\(s\\))?${UNIT}`, "gi");
const NEXT_BUSINESS_DAY = /next[- ](?:business|working)[- ]day|(?:下一个?|次)(?:工作日)/gi;

function unitOf(raw: string): DurationUnit {
  const u = raw.toLowerCase();
  if (/小时|hour/.test(u)) return "hours";
  if (/工作|business|working/.test(u)) return "business_days";
  if (/分钟|min/.test(u)) return "minutes";
  if (/小时|钟头|hour|hr|^h$/.test(u)) return "hours";
  if (/周|星期|week/.test(u)) return "weeks";
  if (/月|month/.test(u)) return "months";
  return "days";
}

/** True when the number is the "24" of "7×24", "24/7" or "5×8" (a coverage, not a duration). */
function isCoverageNumber(s: string, start: number, end: number): boolean {
  const before = s.slice(Math.max(0, start - 3), start);
  const after = s.slice(end, end + 8);
  if (/^\s*\/\s*7/.test(s.slice(start + 2, start + 8))) return true;
  return (
    /[×xX*＊]\s*$/.test(before) ||
    /^\s*(?:[/×xX*＊]\s*7|在线|值守|技术支持|支持|服务|不间断|监控|客服|热线|a day|\/)/.test(after)
  );
}

const durationMemo = new Map<string, Duration[]>();
const percentMemo = new Map<string, Percent[]>();

/** Forgets memoised numbers; called at the start of every extraction. */
export function resetNumberMemo(): void {
  durationMemo.clear();
  percentMemo.clear();
}

/** Every duration in a string, in order. "半小时" → 0.5 hours, "one (1) hour" → 1 hour. Memoised. */
export function findDurations(s: string): Duration[] {
  let found = durationMemo.get(s);
  if (!found) {
    found = scanDurations(s);
    durationMemo.set(s, found);
  }
  return found;
}

/** Cheap test: a string with none of these cannot hold a duration. */
const MAY_HOLD_DURATION = /分|小时|钟头|天|日|周|星期|月|min|hour|hr|\dh\b|day|week|month/i;
/[0-9零〇一二两三四五六七八九十百千半次下]|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|forty|sixty|ninety|next)\b/i;

/** A duration needs a number: digits, a Chinese numeral, or an English number word (Latin letters). */
const MAY_HOLD_NUMBER = /[0-9零〇一二两三四五六七八九十百千半次下A-Za-z]/;

function scanDurations(s: string): Duration[] {
  if (!MAY_HOLD_DURATION.test(s) || !MAY_HOLD_NUMBER.test(s)) return [];
  const out: Duration[] = [];
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(s); m !== null; m = DURATION.exec(s)) {
    const value = parseNumberToken(m[1] as string);
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (value === null || value <= 0) continue;
    const unit = unitOf(m[2] as string);
    if (unit === "hours" && isCoverageNumber(s, start, end)) continue;
    if (
      /^an?$/i.test(m[1] as string) &&
      /(?:hours?|per|once|twice)\s*$/i.test(s.slice(Math.max(0, start - 8), start))
    )
      continue;
    if (unit === "hours" && /^h$/i.test(m[2] as string) && /^\d{1,2}h\d/i.test(s.slice(start, end + 1)))
      continue;
    const frequency = /(?:每|every|each)\s?$/i.test(s.slice(Math.max(0, start - 6), start));
    const duration: Duration = { value, unit, start, end };
    if (frequency) duration.frequency = true;
    if (unit === "hours" && /工作|business|working/i.test(m[2] as string)) duration.businessHours = true;
    out.push(duration);
  }
  NEXT_BUSINESS_DAY.lastIndex = 0;
  for (let m = NEXT_BUSINESS_DAY.exec(s); m !== null; m = NEXT_BUSINESS_DAY.exec(s)) {
    const start = m.index ?? 0;
    out.push({ value: 1, unit: "business_days", start, end: start + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Minutes for a calendar duration; null for business days and months (their length is not fixed). */
export function toMinutes(d: Duration): number | null {
  switch (d.unit) {
    case "minutes":
      return d.value;
    case "hours":
      return Math.round(d.value * 60);
    case "days":
      return d.value * 1440;
    case "weeks":
      return d.value * 7 * 1440;
    default:
      return null;
  }
}

export function toHours(d: Duration): number | null {
  const m = toMinutes(d);
  return m === null ? null : m / 60;
}

/** Whole calendar days; hours only when they make whole days (72 小时 → 3). */
export function toDays(d: Duration): number | null {
  const m = toMinutes(d);
  if (m === null || m % 1440 !== 0) return null;
  return m / 1440;
}

export interface Percent {
  value: number;
  start: number;
  end: number;
}

const PERCENT =
  /(\d{1,3}(?:\.\d+)?)\s?[】\]]?\s?(?:[%％]|percent\b|per cent\b)|百分之([零〇一二两三四五六七八九十百]{1,4}(?:点[零〇一二三四五六七八九]{1,4})?)|([三四五])个9|([三四五])个九/gi;
/** "99.0–99.5%": the first number of a range that shares one percent sign. */
const RANGE_HEAD = /(\d{1,3}(?:\.\d+)?)\s?(?:[-–—~～]|to)\s?$/;

function parseZhPercent(s: string): number | null {
  const [whole, frac] = s.split("点");
  const w = parseChineseNumber(whole ?? "");
  if (w === null) return null;
  if (!frac) return w;
  const digits = [...frac].map((c) => parseChineseNumber(c) ?? 0).join("");
  return Number(`${w}.${digits}`);
}

const NINES: Record<string, number> = { 三: 99.9, 四: 99.99, 五: 99.999 };

/** Every percentage in a string, in order, including the bare head of "99.0–99.5%" and "三个九". Memoised. */
export function findPercents(s: string): Percent[] {
  let found = percentMemo.get(s);
  if (!found) {
    found = scanPercents(s);
    percentMemo.set(s, found);
  }
  return found;
}

/** Cheap test: a string with none of these cannot hold a percentage. */
const MAY_HOLD_PERCENT = /[%％]|百分之|个[9九]|per ?cent/i;

function scanPercents(s: string): Percent[] {
  const out: Percent[] = [];
  if (!MAY_HOLD_PERCENT.test(s)) return out;
  PERCENT.lastIndex = 0;
  for (let m = PERCENT.exec(s); m !== null; m = PERCENT.exec(s)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    let value: number | null = null;
    if (m[1] !== undefined) value = Number(m[1]);
    else if (m[2] !== undefined) value = parseZhPercent(m[2]);
    else value = NINES[(m[3] ?? m[4]) as string] ?? null;
    if (value === null || value > 100) continue;
    const head = RANGE_HEAD.exec(s.slice(Math.max(0, start - 16), start));
    if (head && m[1] !== undefined) {
      const headStart = start - (s.slice(Math.max(0, start - 16), start).length - (head.index ?? 0));
      out.push({ value: Number(head[1]), start: headStart, end: headStart + (head[1] as string).length });
    }
    out.push({ value, start, end });
  }
  return out;
}

/** "不低于 99.9%", "no less than 99.9%": a floor, not a "below" bound; masked with ≥ of the same length. */
export function maskNegatedBelow(text: string): string {
  return text.replace(/不(?:低于|少于|小于)|\b(?:no|not) (?:less|lower|fewer) than\b/gi, (m) =>
    "≥".repeat(m.length),
  );
}
