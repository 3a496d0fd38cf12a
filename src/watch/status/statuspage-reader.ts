import { z } from "zod";
import { dateOrNull, SourceUnreadable, type StatusEvent } from "./status-event.js";

/**
 * Atlassian Statuspage v2 public API (`/api/v2/incidents.json`, `/api/v2/scheduled-maintenances.json`,
 * `/api/v2/summary.json`), also served by Statuspage-compatible hosts. Only the fields read are
 * declared; others pass through.
 */
const Update = z.looseObject({
  status: z.string().nullish(),
  body: z.string().nullish(),
  created_at: z.string().nullish(),
  display_at: z.string().nullish(),
});
const Component = z.looseObject({ name: z.string() });
const Incident = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string().nullish(),
  impact: z.string().nullish(),
  created_at: z.string().nullish(),
  started_at: z.string().nullish(),
  resolved_at: z.string().nullish(),
  scheduled_for: z.string().nullish(),
  scheduled_until: z.string().nullish(),
  incident_updates: z.array(Update).default([]),
  components: z.array(Component).default([]),
});
export const StatuspageIncidents = z.looseObject({ incidents: z.array(Incident) });
export const StatuspageMaintenances = z.looseObject({ scheduled_maintenances: z.array(Incident) });
export const StatuspageSummary = z.looseObject({
  components: z.array(z.looseObject({ name: z.string(), status: z.string() })),
  incidents: z.array(Incident).default([]),
  scheduled_maintenances: z.array(Incident).default([]),
});

export const STATUSPAGE_PATHS = {
  summary: "/api/v2/summary.json",
  incidents: "/api/v2/incidents.json",
  maintenances: "/api/v2/scheduled-maintenances.json",
} as const;

function toEvent(i: z.infer<typeof Incident>, kind: StatusEvent["kind"]): StatusEvent {
  const body = i.incident_updates
    .map((u) => `${u.display_at ?? u.created_at ?? ""} ${u.status ?? ""}: ${u.body ?? ""}`.trim())
    .join("\n");
  return {
    externalId: i.id,
    kind,
    title: i.name,
    body,
    status: i.status ?? null,
    impact: i.impact ?? null,
    components: i.components.map((c) => c.name),
    startedAt: dateOrNull(i.started_at) ?? (kind === "incident" ? dateOrNull(i.created_at) : null),
    resolvedAt: dateOrNull(i.resolved_at),
    scheduledFor: dateOrNull(i.scheduled_for),
    scheduledUntil: dateOrNull(i.scheduled_until),
    declaredAt: dateOrNull(i.created_at),
  };
}

function parseJson<S extends z.ZodType>(schema: S, text: string, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SourceUnreadable(`${what}: not JSON`);
  }
  const r = schema.safeParse(value);
  if (!r.success)
    throw new SourceUnreadable(`${what}: not a Statuspage v2 shape (${r.error.issues[0]?.path.join(".")})`);
  return r.data;
}

/** Incidents and maintenance from the two list endpoints (the summary adds nothing they lack but current component status). */
export function readStatuspage(incidentsJson: string, maintenancesJson: string): StatusEvent[] {
  const incidents = parseJson(StatuspageIncidents, incidentsJson, STATUSPAGE_PATHS.incidents);
  const maint = parseJson(StatuspageMaintenances, maintenancesJson, STATUSPAGE_PATHS.maintenances);
  return [
    ...incidents.incidents.map((i) => toEvent(i, "incident")),
    ...maint.scheduled_maintenances.map((m) => toEvent(m, "maintenance")),
  ];
}

/** Current component statuses from summary.json (for the mapping editor). */
export function readStatuspageComponents(summaryJson: string): { name: string; status: string }[] {
  return parseJson(StatuspageSummary, summaryJson, STATUSPAGE_PATHS.summary).components.map((c) => ({
    name: c.name,
    status: c.status,
  }));
}
