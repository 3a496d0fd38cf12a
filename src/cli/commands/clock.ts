import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  type CalendarDef,
  compileCalendar,
  importIcsHolidays,
  loadCalendar,
  loadPolicy,
  METRICS,
  parseInstant,
  parseTicketEvents,
  replayTimeline,
  type TicketTimeline,
} from "../../clock/index.js";
import { checkInputValue, InputError } from "../../errors/index.js";
import { oneOf, parseCommandArgs } from "../args.js";
import type { CliIo, Command } from "../io.js";

const USAGE = `usage:
  termsight clock add      --calendar CAL --from ISO (--minutes N | --days N) [--ics FILE]
  termsight clock between  --calendar CAL --from ISO --to ISO [--ics FILE]
  termsight clock timeline --policy P.yaml --events E.json [--now ISO] [--format json|table]
`;

async function readText(io: CliIo, file: string): Promise<string> {
  if (file === "-") return (await io.readStdin()).toString("utf8");
  try {
    return await readFile(resolve(io.cwd, file), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, code === "ENOENT" ? "file not found" : `cannot read (${code ?? "error"})`);
  }
}

function required(flag: string, value: string | undefined): string {
  if (value === undefined || value === "")
    throw new InputError(`--${flag}`, "required (run termsight clock --help)");
  return value;
}

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InputError(`--${flag}`, `"${value}" must be a whole number ≥ 0`);
  return Number(value);
}

async function calendarFrom(io: CliIo, file: string, ics: string | undefined, years: number[]) {
  let def: CalendarDef = loadCalendar(await readText(io, file), file);
  if (ics) {
    const range = { fromYear: Math.min(...years) - 1, toYear: Math.max(...years) + 1 };
    def = { ...def, holidays: [...def.holidays, ...importIcsHolidays(await readText(io, ics), ics, range)] };
  }
  return compileCalendar(def);
}

function timelineTable(tl: TicketTimeline): string {
  const head = ["metric", "state", "elapsed/target", "due", "breached at", "75% at"];
  const rows = METRICS.map((m) => {
    const s = tl.metrics[m];
    if (!s) return [m, "-", "-", "-", "-", "-"];
    return [
      m,
      s.state,
      `${s.elapsed_minutes}/${s.target_minutes} min`,
      s.due ?? "-",
      s.breached_at ?? "-",
      s.warnings.at_75 ?? "-",
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return `severity ${tl.severity}, ticket ${tl.state}\n${[head, ...rows].map(line).join("\n")}\n`;
}

/**
 * `termsight clock add|between|timeline …` — business-time arithmetic on a calendar file
 * (CONTRACTS §2) and SLA timelines from a policy and ticket events. Exit 2 on bad input.
 */
export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (!sub || sub === "--help" || sub === "-h" || sub === "help") {
    io.stdout(USAGE);
    return sub ? 0 : 2;
  }
  if (sub === "add" || sub === "between") {
    const { values } = parseCommandArgs(`clock ${sub}`, rest, {
      calendar: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      minutes: { type: "string" },
      days: { type: "string" },
      ics: { type: "string" },
    });
    const from = parseInstant(required("from", values.from), "--from");
    if (sub === "add") {
      if ((values.minutes === undefined) === (values.days === undefined)) {
        throw new InputError("termsight clock add", "give exactly one of --minutes N or --days N");
      }
      // .ics holidays are expanded for the start year and the five after it
      const year = from.getUTCFullYear();
      const cal = await calendarFrom(io, required("calendar", values.calendar), values.ics, [year, year + 5]);
      const result =
        values.minutes !== undefined
          ? cal.add(from, wholeNumber("minutes", values.minutes))
          : cal.addBusinessDays(from, wholeNumber("days", values.days as string));
      io.stdout(`${cal.format(result)}\n`);
      return 0;
    }
    const to = parseInstant(required("to", values.to), "--to");
    const cal = await calendarFrom(io, required("calendar", values.calendar), values.ics, [
      from.getUTCFullYear(),
      to.getUTCFullYear(),
    ]);
    io.stdout(`${cal.between(from, to)}\n`);
    return 0;
  }
  if (sub === "timeline") {
    const { values } = parseCommandArgs("clock timeline", rest, {
      policy: { type: "string" },
      events: { type: "string" },
      now: { type: "string" },
      format: { type: "string" },
    });
    const format = oneOf("--format", values.format, ["json", "table"] as const, "json");
    const policyFile = required("policy", values.policy);
    const eventsFile = required("events", values.events);
    const policy = loadPolicy(await readText(io, policyFile), policyFile);
    let raw: unknown;
    try {
      raw = JSON.parse(await readText(io, eventsFile));
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(eventsFile, `not valid JSON: ${(err as Error).message.split("\n")[0]}`);
    }
    checkInputValue(raw, eventsFile);
    const events = parseTicketEvents(raw, eventsFile);
    const now = values.now ? parseInstant(values.now, "--now") : new Date();
    const timeline = replayTimeline({ policy, events, now, source: eventsFile });
    io.stdout(format === "json" ? `${JSON.stringify(timeline, null, 2)}\n` : timelineTable(timeline));
    return 0;
  }
  throw new InputError("termsight clock", `unknown subcommand "${sub}" (expected add, between, timeline)`);
};
