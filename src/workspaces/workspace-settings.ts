import type { Kysely } from "kysely";
import { z } from "zod";
import { isKnownZone } from "../clock/index.js";
import { InputError } from "../errors/index.js";
import type { Database } from "../store/index.js";

export const WORKSPACE_LANGUAGES = ["zh-CN", "en"] as const;
export type WorkspaceLanguage = (typeof WORKSPACE_LANGUAGES)[number];

/**
 * Default business hours for contracts that name no calendar, read in the contract's zone:
 * Mon–Fri 09:00–18:00 with China's official holidays and make-up workdays when the zone is
 * Asia/Shanghai (the default before workspaces had settings), the same without holidays, or 7×24.
 */
export const CALENDAR_PRESETS = ["cn_workdays", "weekdays", "always"] as const;
export type CalendarPreset = (typeof CALENDAR_PRESETS)[number];

export interface WorkspaceSettings {
  timezone: string;
  language: WorkspaceLanguage;
  business_calendar: CalendarPreset;
}

/** An IANA zone name the runtime knows ("UTC" or Area/Location; offsets such as "+08:00" are not zones). */
export function isTimeZoneName(zone: string): boolean {
  return /^[A-Za-z]/.test(zone) && isKnownZone(zone);
}

/**
 * Throws a one-line input error for a zone the runtime does not know. Checked here rather than in
 * the zod schema because schema messages are lower-cased, and a zone name is case-sensitive.
 */
export function checkTimeZone(source: string, zone: string): string {
  if (!isTimeZoneName(zone))
    throw new InputError(source, `unknown time zone "${zone}" (expected an IANA name such as Asia/Shanghai)`);
  return zone;
}

export const WorkspaceSettingsPatch = z.object({
  /** IANA time zone, e.g. Asia/Shanghai. */
  timezone: z.string().trim().min(1).max(64).optional(),
  language: z.enum(WORKSPACE_LANGUAGES).optional(),
  business_calendar: z.enum(CALENDAR_PRESETS).optional(),
});

/** The workspace's settings (the column defaults when the row is gone, so callers never branch). */
export async function readWorkspaceSettings(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<WorkspaceSettings> {
  const row = await db
    .selectFrom("workspaces")
    .select(["timezone", "language", "business_calendar"])
    .where("id", "=", workspaceId)
    .executeTakeFirst();
  return row ?? { timezone: "Asia/Shanghai", language: "zh-CN", business_calendar: "cn_workdays" };
}

/** The alert/report language code ("zh" | "en") of a workspace language. */
export function shortLang(language: WorkspaceLanguage): "zh" | "en" {
  return language === "zh-CN" ? "zh" : "en";
}

const WEEKDAY_HOURS = ["09:00-18:00"];
const ALL_DAY = ["00:00-24:00"];

/** The calendar definition (CONTRACTS.md §2 input shape) of a preset in a zone. */
export function presetCalendar(preset: CalendarPreset, timezone: string): Record<string, unknown> {
  if (preset === "always")
    return {
      timezone,
      hours: {
        mon: ALL_DAY,
        tue: ALL_DAY,
        wed: ALL_DAY,
        thu: ALL_DAY,
        fri: ALL_DAY,
        sat: ALL_DAY,
        sun: ALL_DAY,
      },
    };
  return {
    timezone,
    ...(preset === "cn_workdays" && timezone === "Asia/Shanghai" ? { region: "CN" } : {}),
    hours: {
      mon: WEEKDAY_HOURS,
      tue: WEEKDAY_HOURS,
      wed: WEEKDAY_HOURS,
      thu: WEEKDAY_HOURS,
      fri: WEEKDAY_HOURS,
    },
  };
}
