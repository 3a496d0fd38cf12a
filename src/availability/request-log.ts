import { Temporal } from "temporal-polyfill";
import { InputError } from "../errors/index.js";
import { isFailureStatus, type Observation } from "./observation.js";

/** A line of a request log that could not be read: 1-based line number and why. */
export interface BrokenLine {
  line: number;
  reason: string;
}

export interface RequestLogImport {
  observations: Observation[];
  imported: number;
  broken_count: number;
  /** The first 100 broken lines (the count covers all of them). */
  broken: BrokenLine[];
}

export interface RequestLogOptions {
  name: string;
  format?: "csv" | "jsonl";
  /** IANA zone for timestamps written without a UTC offset; without it such lines are broken. */
  timezone?: string;
  /** Count HTTP 429 as the vendor's failure (some terms do, most do not). */
  count429?: boolean;
}

const TIME_KEYS = ["timestamp", "time", "ts", "at", "date", "datetime"];
const STATUS_KEYS = ["status", "status_code", "http_status", "code"];
const LATENCY_KEYS = ["latency_ms", "latency", "duration_ms", "duration", "elapsed_ms"];
const REGION_KEYS = ["region", "location"];
const MAX_BROKEN_LISTED = 100;

/**
 * Reads the customer's own request log (CSV with a header row, or JSON Lines): timestamp,
 * status, latency. Broken lines are counted and reported; the rest are imported.
 */
export function parseRequestLog(text: string, opts: RequestLogOptions): RequestLogImport {
  const format = opts.format ?? guessFormat(text);
  const rows = format === "jsonl" ? jsonlRows(text) : csvRows(text, opts.name);
  const result: RequestLogImport = { observations: [], imported: 0, broken_count: 0, broken: [] };
  for (const row of rows) {
    const outcome = "reason" in row ? row : toObservation(row.fields, row.line, opts);
    if ("reason" in outcome) {
      result.broken_count += 1;
      if (result.broken.length < MAX_BROKEN_LISTED) result.broken.push(outcome);
    } else {
      result.observations.push(outcome);
    }
  }
  result.imported = result.observations.length;
  result.observations.sort((a, b) => a.t - b.t);
  return result;
}

type Row = { line: number; fields: Record<string, unknown> } | BrokenLine;

function guessFormat(text: string): "csv" | "jsonl" {
  return text.trimStart().startsWith("{") ? "jsonl" : "csv";
}

function jsonlRows(text: string): Row[] {
  const rows: Row[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    try {
      const value: unknown = JSON.parse(raw);
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        rows.push({ line: i + 1, reason: "not a JSON object" });
      } else rows.push({ line: i + 1, fields: value as Record<string, unknown> });
    } catch {
      rows.push({ line: i + 1, reason: "invalid JSON" });
    }
  });
  return rows;
}

function csvRows(text: string, name: string): Row[] {
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  if (headerIndex < 0) return [];
  const header = splitCsvLine(lines[headerIndex].replace(/^\uFEFF/, ""));
  if (!header) throw new InputError(name, "cannot read the CSV header", headerIndex + 1);
  const columns = header.map((h) => h.trim().toLowerCase());
  const rows: Row[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const cells = splitCsvLine(lines[i]);
    if (!cells) {
      rows.push({ line: i + 1, reason: "malformed CSV line (unbalanced quotes)" });
      continue;
    }
    const fields: Record<string, unknown> = {};
    columns.forEach((c, j) => {
      if (cells[j] !== undefined) fields[c] = cells[j].trim();
    });
    rows.push({ line: i + 1, fields });
  }
  return rows;
}

/**
 * One CSV line into cells (RFC 4180 quoting, `""` inside quotes); null when quotes do not balance.
 * Each physical line is one record, so a broken line never swallows the lines after it.
 */
export function splitCsvLine(line: string): string[] | null {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells;
}

function pick(fields: Record<string, unknown>, keys: string[]): unknown {
  for (const key of keys) {
    if (fields[key] !== undefined && fields[key] !== "") return fields[key];
  }
  return undefined;
}

function toObservation(
  fields: Record<string, unknown>,
  line: number,
  opts: RequestLogOptions,
): Observation | BrokenLine {
  const rawTime = pick(fields, TIME_KEYS);
  if (rawTime === undefined) return { line, reason: "no timestamp" };
  const t = parseTimestamp(rawTime, opts.timezone);
  if (t === null)
    return { line, reason: `timestamp ${JSON.stringify(rawTime)} is not a date with a UTC offset` };
  const rawStatus = pick(fields, STATUS_KEYS);
  const status = rawStatus === undefined ? Number.NaN : Number(rawStatus);
  if (!Number.isInteger(status) || status < 0 || status > 999) {
    return { line, reason: `status ${JSON.stringify(rawStatus ?? null)} is not an HTTP status` };
  }
  const rawLatency = pick(fields, LATENCY_KEYS);
  const latency = rawLatency === undefined ? null : Number(rawLatency);
  if (latency !== null && (!Number.isFinite(latency) || latency < 0)) {
    return { line, reason: `latency ${JSON.stringify(rawLatency)} is not a number of milliseconds` };
  }
  const region = pick(fields, REGION_KEYS);
  return {
    t,
    ok: !isFailureStatus(status, { count429: opts.count429 }),
    status,
    latency_ms: latency,
    region: typeof region === "string" ? region : null,
    source: "logs",
  };
}

const HAS_OFFSET = /(Z|[+-]\d\d:?\d\d)$/i;
/** Strict ISO 8601 with an offset: safe for the (much faster) Date.parse. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

function parseTimestamp(raw: unknown, timezone: string | undefined): number | null {
  if (typeof raw === "number" || (typeof raw === "string" && /^\d{9,13}(\.\d+)?$/.test(raw))) {
    const n = Number(raw);
    // 10-digit values are epoch seconds, 13-digit values epoch milliseconds.
    return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
  }
  if (typeof raw !== "string") return null;
  const text = raw.trim().replace(" ", "T");
  const iso = ISO_WITH_OFFSET.exec(text);
  if (iso) {
    // Date.parse accepts impossible days (Feb 30 → Mar 2): check the calendar date first.
    const [year, month, day, hour] = [iso[1], iso[2], iso[3], iso[4]].map(Number);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23) return null;
    const t = Date.parse(text);
    return Number.isNaN(t) ? null : t;
  }
  try {
    if (HAS_OFFSET.test(text)) return Temporal.Instant.from(text).epochMilliseconds;
    if (!timezone) return null;
    return Temporal.PlainDateTime.from(text).toZonedDateTime(timezone).epochMilliseconds;
  } catch {
    return null;
  }
}
