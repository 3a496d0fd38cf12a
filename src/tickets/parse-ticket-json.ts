import { z } from "zod";
import { checkInputValue, InputError } from "../errors/index.js";
import { defaultSourceKey, type ImportRow } from "./import-row.js";
import { checkEventSequence } from "./ticket-event.js";

/**
 * One ticket in a JSON import. `events` start with `created` (carrying the severity); or give
 * `created_at` and `severity` and the `created` event is implied.
 */
export const TicketJson = z.object({
  external_id: z.string().trim().min(1).max(200),
  subject: z.string().max(1000).default(""),
  severity: z.string().min(1).max(32).optional(),
  created_at: z.string().optional(),
  events: z.array(z.unknown()).default([]),
});
export type TicketJson = z.infer<typeof TicketJson>;

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses a JSON array of tickets with their events. Errors name the ticket index and the field. */
export function parseTicketJson(text: string, source = "tickets.json"): ImportRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    throw new InputError(
      source,
      `malformed json: ${message.toLowerCase()}`,
      pos ? lineAt(text, Number(pos[1])) : null,
    );
  }
  checkInputValue(data, source);
  const list = Array.isArray(data) ? data : (data as { tickets?: unknown })?.tickets;
  if (!Array.isArray(list))
    throw new InputError(source, "expected an array of tickets (or { tickets: [...] })");
  const seen = new Map<string, number>();
  return list.map((item, index) => {
    const parsed = TicketJson.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        source,
        `[${index}].${issue.path.join(".") || "ticket"}: ${issue.message.toLowerCase()}`,
      );
    }
    const t = parsed.data;
    const previous = seen.get(t.external_id);
    if (previous !== undefined) {
      throw new InputError(source, `[${index}].external_id: "${t.external_id}" repeats ticket [${previous}]`);
    }
    seen.set(t.external_id, index);
    const raw = [...t.events];
    const firstType = (raw[0] as { type?: unknown } | undefined)?.type;
    if (firstType !== "created") {
      if (!t.created_at)
        throw new InputError(source, `[${index}].created_at: needed when events do not start with "created"`);
      if (!t.severity)
        throw new InputError(source, `[${index}].severity: needed when events do not start with "created"`);
      raw.unshift({ type: "created", at: t.created_at, severity: t.severity });
    }
    const result = checkEventSequence(raw);
    if (!result.ok) {
      const { index: e, field, reason } = result.problem;
      const shift = firstType === "created" ? 0 : 1;
      const where = e - shift < 0 ? (field === "at" ? "created_at" : field) : `events[${e - shift}].${field}`;
      throw new InputError(source, `[${index}].${where}: ${reason}`);
    }
    const events = result.events.map((e) => ({ ...e, source_key: e.source_key ?? defaultSourceKey(e) }));
    return {
      line: index,
      external_id: t.external_id,
      declare: { subject: t.subject, severity: events[0].severity ?? "", created_at: events[0].at },
      events,
    };
  });
}
