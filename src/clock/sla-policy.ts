import { InputError } from "../errors/index.js";
import { CompiledCalendar } from "./business-calendar.js";
import { validateCalendar } from "./calendar-schema.js";
import type { MinuteRange } from "./calendar-types.js";
import { type FieldPath, formatPath, parseSourceText } from "./source-lines.js";

export const METRICS = ["first_response", "next_response", "resolution"] as const;
export type MetricName = (typeof METRICS)[number];

/** One commitment: a length in business minutes or in business days, on a named calendar. */
export interface SlaTarget {
  readonly minutes: number | null;
  readonly business_days: number | null;
  readonly calendar: string;
}

export type SeverityTargets = Readonly<Partial<Record<MetricName, SlaTarget>>>;

export interface SlaPolicy {
  readonly name: string;
  readonly calendars: ReadonlyMap<string, CompiledCalendar>;
  readonly severities: Readonly<Record<string, SeverityTargets>>;
}

export const ALWAYS_OPEN = "24x7";
const WHOLE_DAY: MinuteRange[] = [{ start: 0, end: 1440 }];

function alwaysOpenCalendar(): CompiledCalendar {
  return new CompiledCalendar({
    name: ALWAYS_OPEN,
    timezone: "UTC",
    region: null,
    hours: Array.from({ length: 7 }, () => WHOLE_DAY),
    holidays: [],
    makeupHours: null,
    workdays: [],
  });
}

/**
 * Reads an SLA policy (YAML/JSON): `calendars` (name → calendar, CONTRACTS §2; `24x7` is built in)
 * and `severities` (name → { first_response, next_response, resolution }).
 */
export function loadPolicy(source: string, name: string): SlaPolicy {
  const text = parseSourceText(source, name);
  const fail = (path: FieldPath, reason: string): never => {
    throw new InputError(name, path.length ? `${formatPath(path)}: ${reason}` : reason, text.lineOf(path));
  };
  const raw = text.value;
  if (!isRecord(raw)) return fail([], "a policy must be a mapping with calendars and severities");
  for (const key of Object.keys(raw)) {
    if (key !== "name" && key !== "calendars" && key !== "severities") {
      fail([key], "unknown key (expected name, calendars, severities)");
    }
  }
  const calendars = new Map<string, CompiledCalendar>([[ALWAYS_OPEN, alwaysOpenCalendar()]]);
  const calRaw = raw.calendars ?? {};
  if (!isRecord(calRaw)) fail(["calendars"], "expected a mapping of calendar names to calendars");
  for (const [calName, def] of Object.entries(calRaw as Record<string, unknown>)) {
    if (calName === ALWAYS_OPEN)
      fail(["calendars", calName], `"${ALWAYS_OPEN}" is built in and cannot be redefined`);
    calendars.set(
      calName,
      new CompiledCalendar(validateCalendar(def, name, text.lineOf, ["calendars", calName])),
    );
  }
  const sevRaw = raw.severities;
  if (!isRecord(sevRaw) || Object.keys(sevRaw).length === 0) {
    fail(["severities"], "required: a mapping of severities (e.g. P1) to targets");
  }
  const severities: Record<string, SeverityTargets> = {};
  for (const [sev, targets] of Object.entries(sevRaw as Record<string, unknown>)) {
    if (!isRecord(targets)) fail(["severities", sev], `expected { ${METRICS.join(", ")} }`);
    const out: Partial<Record<MetricName, SlaTarget>> = {};
    for (const [metric, t] of Object.entries(targets as Record<string, unknown>)) {
      const path = ["severities", sev, metric];
      if (!(METRICS as readonly string[]).includes(metric))
        fail(path, `unknown metric (expected one of: ${METRICS.join(", ")})`);
      if (t == null) continue;
      if (!isRecord(t)) fail(path, "expected { minutes: N | business_days: N, calendar: name }");
      const target = t as Record<string, unknown>;
      for (const key of Object.keys(target)) {
        if (!["minutes", "business_days", "calendar"].includes(key)) {
          fail([...path, key], "unknown key (expected minutes, business_days, calendar)");
        }
      }
      const minutes = target.minutes ?? null;
      const days = target.business_days ?? null;
      if ((minutes == null) === (days == null)) fail(path, "give exactly one of minutes or business_days");
      if (minutes != null && !(typeof minutes === "number" && Number.isInteger(minutes) && minutes >= 0)) {
        fail([...path, "minutes"], "must be a whole number ≥ 0");
      }
      if (days != null && !(typeof days === "number" && Number.isInteger(days) && days >= 0)) {
        fail([...path, "business_days"], "must be a whole number ≥ 0");
      }
      const calendar = target.calendar ?? ALWAYS_OPEN;
      if (typeof calendar !== "string" || !calendars.has(calendar)) {
        fail(
          [...path, "calendar"],
          `unknown calendar "${String(calendar)}" (defined: ${[...calendars.keys()].join(", ")})`,
        );
      }
      out[metric as MetricName] = {
        minutes: minutes as number | null,
        business_days: days as number | null,
        calendar: calendar as string,
      };
    }
    severities[sev] = out;
  }
  const policyName = typeof raw.name === "string" && raw.name ? raw.name : name;
  return { name: policyName, calendars, severities };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
