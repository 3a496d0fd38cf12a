import { sql } from "kysely";
import { InputError } from "../errors/index.js";
import { newId } from "../store/index.js";
import type { ImportRow } from "./import-row.js";
import { refreshTicketSla } from "./refresh-ticket-sla.js";
import type { Db } from "./ticket-context.js";
import { checkEventSequence, type TicketEventRecord } from "./ticket-event.js";
import { loadEvents } from "./ticket-view.js";
import { insertJsonRows, insertManyTicketEvents, ticketFieldsOf } from "./write-events.js";

export interface BatchJob {
  id: string;
  workspace_id: string;
  vendor_id: string | null;
  source_name: string;
  created_by: string | null;
}

interface TicketWork {
  id: string;
  isNew: boolean;
  attached: boolean;
  priorCount: number;
  declare: ImportRow["declare"];
  events: TicketEventRecord[];
  keys: Set<string>;
  lines: number[];
}

/**
 * Writes one batch of import rows inside the caller's transaction: new tickets, their events and
 * events of tickets already stored (matched by external id, or for email threads by Message-ID).
 * Events already present (same source_key) are skipped, so re-running a batch changes nothing.
 */
export async function commitImportBatch(
  trx: Db,
  job: BatchJob,
  rows: ImportRow[],
): Promise<{ tickets: number; events: number }> {
  const ws = job.workspace_id;
  const externalIds = [...new Set(rows.map((r) => r.external_id))];
  const existing = await trx
    .selectFrom("tickets")
    .select(["id", "external_id", "event_count"])
    .where("workspace_id", "=", ws)
    .where("external_id", "in", externalIds)
    .forUpdate()
    .execute();
  const work = new Map<string, TicketWork>();
  for (const t of existing) {
    work.set(t.external_id ?? "", {
      id: t.id,
      isNew: false,
      attached: false,
      priorCount: t.event_count,
      declare: null,
      events: [],
      keys: new Set(),
      lines: [],
    });
  }
  // Email threads replying to mail imported earlier join that ticket.
  for (const row of rows) {
    if (!row.attach_refs?.length || work.has(row.external_id)) continue;
    const refs = row.attach_refs;
    const hit = await trx
      .selectFrom("tickets")
      .select(["id", "event_count"])
      .where("workspace_id", "=", ws)
      .where((eb) =>
        eb.or([
          eb("external_id", "in", refs),
          eb(
            "id",
            "in",
            eb
              .selectFrom("ticket_events")
              .select("ticket_id")
              .where("workspace_id", "=", ws)
              .where("source_key", "in", refs),
          ),
        ]),
      )
      .orderBy("created_at")
      .forUpdate()
      .executeTakeFirst();
    if (hit)
      work.set(row.external_id, {
        id: hit.id,
        isNew: false,
        attached: true,
        priorCount: hit.event_count,
        declare: null,
        events: [],
        keys: new Set(),
        lines: [],
      });
  }
  for (const row of rows) {
    let t = work.get(row.external_id);
    if (!t) {
      if (!row.declare)
        throw new InputError(job.source_name, `ticket "${row.external_id}" not found`, row.line);
      t = {
        id: newId(),
        isNew: true,
        attached: false,
        priorCount: 0,
        declare: row.declare,
        events: [],
        keys: new Set(),
        lines: [],
      };
      work.set(row.external_id, t);
    }
    for (const e of row.events) {
      let event = e;
      if (!t.isNew && e.type === "created") {
        if (!t.attached || !row.attach_type) continue; // the ticket exists: its created event is stored
        event = { ...e, type: row.attach_type, severity: null };
      }
      const key = event.source_key ?? "";
      if (key && t.keys.has(key)) continue;
      if (key) t.keys.add(key);
      t.events.push(event);
      t.lines.push(row.line);
    }
  }
  // Skip events stored before (re-run of the same file).
  const old = [...work.values()].filter((t) => !t.isNew && t.events.length > 0);
  const keys = old.flatMap((t) => [...t.keys]);
  if (keys.length > 0) {
    const stored = await trx
      .selectFrom("ticket_events")
      .select(["ticket_id", "source_key"])
      .where(
        "ticket_id",
        "in",
        old.map((t) => t.id),
      )
      .where("source_key", "in", keys)
      .execute();
    const seen = new Set(stored.map((s) => `${s.ticket_id}\u0000${s.source_key}`));
    for (const t of old) {
      const keep = t.events.map((e) => !seen.has(`${t.id}\u0000${e.source_key}`));
      t.lines = t.lines.filter((_, i) => keep[i]);
      t.events = t.events.filter((_, i) => keep[i]);
    }
  }
  const previous = await loadEvents(
    trx,
    old.filter((t) => t.events.length > 0).map((t) => t.id),
  );
  const updates: {
    id: string;
    status: string;
    severity: string;
    last_event_at: string;
    event_count: number;
  }[] = [];
  for (const t of old) {
    if (t.events.length === 0) continue;
    const prior = previous.get(t.id) ?? [];
    const checked = checkEventSequence(t.events, prior);
    if (!checked.ok) {
      const { index, field, reason } = checked.problem;
      throw new InputError(
        job.source_name,
        `${field}: ${reason} (ticket ${t.id} already has later events)`,
        t.lines[index],
      );
    }
    const f = ticketFieldsOf([...prior, ...t.events]);
    updates.push({
      id: t.id,
      status: f.status,
      severity: f.severity,
      last_event_at: f.last_event_at,
      event_count: f.event_count,
    });
  }

  const fresh = [...work.entries()].filter(([, t]) => t.isNew);
  if (fresh.length > 0) {
    await insertJsonRows(
      trx,
      "tickets",
      fresh.map(([externalId, t]) => ({
        id: t.id,
        workspace_id: ws,
        vendor_id: job.vendor_id,
        external_id: externalId,
        subject: t.declare?.subject ?? "",
        ...ticketFieldsOf(t.events),
        import_id: job.id,
        created_by: job.created_by,
      })),
    );
  }
  const withEvents = [...work.values()].filter((t) => t.events.length > 0);
  const eventCount = withEvents.reduce((n, t) => n + t.events.length, 0);
  await insertManyTicketEvents(
    trx,
    withEvents.map((t) => ({
      workspaceId: ws,
      ticketId: t.id,
      startSeq: t.priorCount + 1,
      events: t.events,
      actorId: job.created_by,
    })),
  );
  if (updates.length > 0) {
    await sql`update tickets set status = u.status, severity = u.severity, last_event_at = u.last_event_at,
      event_count = u.event_count, version = tickets.version + 1, updated_at = ${new Date()}, sla_version = null
      from json_to_recordset(${JSON.stringify(updates)}::json)
        as u(id text, status text, severity text, last_event_at timestamptz, event_count integer)
      where tickets.id = u.id`.execute(trx);
  }
  // The batch's tickets get their SLA state stored in the same transaction (lists read it).
  await refreshTicketSla(trx, { workspaceId: ws, ids: withEvents.map((t) => t.id) });
  return { tickets: fresh.length, events: eventCount };
}
