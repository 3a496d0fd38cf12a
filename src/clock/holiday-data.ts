import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readDataFile } from "../data-files/index.js";
import { InputError } from "../errors/index.js";
import { civilFromDays, parseIsoDate } from "./civil-date.js";

/** The bundled official schedules: data/holidays/<region>-<year>.yaml (State Council notices for CN). */
const HOLIDAY_DIR = new URL("../../data/holidays/", import.meta.url);

export type RegionDay = "holiday" | "workday" | "regular";

export interface RegionSchedule {
  readonly region: string;
  readonly years: ReadonlySet<number>;
  /** Official status of a day (days since 1970); null when the year is not covered by the data. */
  status(day: number): RegionDay | null;
}

interface HolidayFile {
  region: string;
  year: number;
  holidays: { name: string; from: string; to: string }[];
  workdays: { name: string; date: string }[];
}

const schedules = new Map<string, RegionSchedule>();

export function regionSchedule(region: string): RegionSchedule {
  let s = schedules.get(region);
  if (!s) {
    s = loadRegion(region);
    schedules.set(region, s);
  }
  return s;
}

function loadRegion(region: string): RegionSchedule {
  const prefix = `${region.toLowerCase()}-`;
  const files = readdirSync(HOLIDAY_DIR).filter((f) => f.startsWith(prefix) && /\.(ya?ml|json)$/.test(f));
  const years = new Set<number>();
  const days = new Map<number, RegionDay>();
  for (const file of files) {
    const source = `data/holidays/${file}`;
    const data = readDataFile(`holidays/${file}`) as HolidayFile;
    if (data?.region !== region || !Number.isInteger(data.year)) {
      throw new InputError(source, `expected region ${region} and a year`);
    }
    years.add(data.year);
    for (const h of data.holidays ?? []) {
      const from = parseIsoDate(h.from);
      const to = parseIsoDate(h.to);
      if (from == null || to == null || to < from)
        throw new InputError(source, `bad holiday range ${h.from}..${h.to}`);
      for (let d = from; d <= to; d++) days.set(d, "holiday");
    }
    for (const w of data.workdays ?? []) {
      const d = parseIsoDate(w.date);
      if (d == null) throw new InputError(source, `bad make-up workday ${w.date}`);
      days.set(d, "workday");
    }
  }
  return {
    region,
    years,
    status(day) {
      const status = days.get(day);
      if (status) return status; // a listed day is known even when it spills into a neighbour year
      return years.has(civilFromDays(day).year) ? "regular" : null;
    },
  };
}

/** Bump when replay semantics change, so SLA states stored by an older release are recomputed. */
const CLOCK_SEMANTICS = "1";
let dataVersion: string | null = null;

/**
 * A short fingerprint of everything besides events and policy that decides an SLA result: the
 * bundled holiday files, the time zone database and the replay semantics. Stored SLA states
 * computed under another fingerprint are stale.
 */
export function clockDataVersion(): string {
  if (dataVersion) return dataVersion;
  const hash = createHash("sha256").update(
    `semantics ${CLOCK_SEMANTICS}\ntz ${process.versions.tz ?? "?"}\n`,
  );
  for (const name of readdirSync(HOLIDAY_DIR).sort()) {
    hash.update(`${name}\n`).update(readFileSync(new URL(name, HOLIDAY_DIR)));
  }
  dataVersion = hash.digest("hex").slice(0, 16);
  return dataVersion;
}
