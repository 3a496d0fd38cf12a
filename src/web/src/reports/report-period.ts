/** The period kinds the Reports page offers; each becomes one of the API's period labels. */
export const PERIOD_KINDS = ["month", "quarter", "half", "year", "range"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodChoice {
  kind: PeriodKind;
  /** YYYY-MM (month). */
  month: string;
  year: number;
  /** 1–4 (quarter) or 1–2 (half). */
  part: number;
  /** YYYY-MM-DD, both included (range). */
  from: string;
  to: string;
}

/**
 * The API's period label (`2026-10`, `2026-Q4`, `2026-H2`, `2026`, `2026-10-01..2026-11-15`) for a
 * choice, or null while the choice is incomplete or backwards (the server still validates it).
 */
export function periodLabel(c: PeriodChoice): string | null {
  const year = Number.isInteger(c.year) && c.year >= 1970 && c.year <= 9999 ? String(c.year) : null;
  switch (c.kind) {
    case "month":
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(c.month) ? c.month : null;
    case "quarter":
      return year && c.part >= 1 && c.part <= 4 ? `${year}-Q${c.part}` : null;
    case "half":
      return year && (c.part === 1 || c.part === 2) ? `${year}-H${c.part}` : null;
    case "year":
      return year;
    case "range": {
      const date = /^\d{4}-\d{2}-\d{2}$/;
      if (!date.test(c.from) || !date.test(c.to) || c.to < c.from) return null;
      return `${c.from}..${c.to}`;
    }
  }
}

/** The choice for the last complete quarter before `now` (what a quarterly service review covers). */
export function defaultChoice(now: Date): PeriodChoice {
  const quarter = Math.floor(now.getMonth() / 3); // 0-based current quarter
  const year = quarter === 0 ? now.getFullYear() - 1 : now.getFullYear();
  const part = quarter === 0 ? 4 : quarter;
  const prevMonth = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const month = `${prevMonth.getFullYear()}-${String(prevMonth.getMonth() + 1).padStart(2, "0")}`;
  return { kind: "quarter", month, year, part, from: `${month}-01`, to: `${month}-28` };
}
