import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../context/index.js";
import { memberCtx } from "../context/testing.js";
import { InputError } from "../errors/index.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { eml } from "./__fixtures__/emails.js";
import { seedWorkspace } from "./__fixtures__/store-fixture.js";
import { getTicket, listTickets, runImportJob, startImport } from "./index.js";

const NOW = new Date("2026-03-10T00:00:00Z");
const enc = (s: string) => new TextEncoder().encode(s);

const CSV = `external_id,created_at,severity,subject,event_type,event_at,event_status
Z-1,2026-03-02T09:00:00+08:00,P1,Login down,,,
Z-2,2026-03-02T09:05:00+08:00,P2,Slow,agent_reply,2026-03-02T09:30:00+08:00,
Z-1,,,,agent_reply,2026-03-02T09:10:00+08:00,
Z-1,,,,solved,2026-03-02T11:00:00+08:00,
Z-3,2026-03-03T09:00:00+08:00,P2,Billing,,,
`;

describe.each(storeBackends())("ticket imports on $name", ({ open }) => {
  let store: Store;
  let ctx: Ctx;
  let vendorId: string;
  const count = async (table: "tickets" | "ticket_events" | "import_jobs") =>
    (
      await store.db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as("n"))
        .where("workspace_id", "=", ctx.workspaceId)
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    store = await open();
    const s = await seedWorkspace(store);
    vendorId = s.vendorId;
    ctx = memberCtx(store, s.workspaceId, s.userId, "editor", NOW);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("imports a CSV in batches with progress, idempotently", async () => {
    const job = await startImport({
      ctx,
      input: { format: "csv", vendor_id: vendorId, batch_size: 2 },
      files: [{ name: "t.csv", bytes: enc(CSV) }],
    });
    expect(job).toMatchObject({ status: "running", total: 5, done: 0 });
    const progress: number[] = [];
    const done = await runImportJob(store.db, job.id, { onBatch: (p) => progress.push(p.done) });
    expect(done).toMatchObject({ status: "done", done: 5, error: null });
    expect(progress).toEqual([2, 4, 5]);
    expect(await count("tickets")).toBe(3);
    expect(await count("ticket_events")).toBe(6);
    const list = await listTickets({ ctx, input: { limit: 10 } });
    const z1 = list.items.find((t) => t.external_id === "Z-1");
    expect(z1).toMatchObject({ status: "solved", event_count: 3, policy_source: "contract" });
    const again = await startImport({
      ctx,
      input: { format: "csv", vendor_id: vendorId },
      files: [{ name: "t.csv", bytes: enc(CSV) }],
    });
    expect((await runImportJob(store.db, again.id)).status).toBe("done");
    expect(await count("tickets")).toBe(3);
    expect(await count("ticket_events")).toBe(6);
  });

  it("appends new events of known tickets from a later file", async () => {
    const more = "external_id,event_type,event_at\nZ-3,agent_reply,2026-03-03T10:00:00+08:00\n";
    await expect(
      startImport({ ctx, input: { format: "csv" }, files: [{ name: "more.csv", bytes: enc(more) }] }),
    ).rejects.toThrow(/external_id/);
    const json = JSON.stringify([
      {
        external_id: "Z-3",
        created_at: "2026-03-03T09:00:00+08:00",
        severity: "P2",
        events: [{ type: "agent_reply", at: "2026-03-03T10:00:00+08:00" }],
      },
    ]);
    const job = await startImport({
      ctx,
      input: { format: "json" },
      files: [{ name: "more.json", bytes: enc(json) }],
    });
    expect((await runImportJob(store.db, job.id)).status).toBe("done");
    const z3 = (await listTickets({ ctx, input: {} })).items.find((t) => t.external_id === "Z-3");
    expect(z3?.event_count).toBe(2);
  });

  const bad: [string, "csv" | "json", string, RegExp][] = [
    [
      "csv with an unknown event type",
      "csv",
      "external_id,created_at,severity,event_type,event_at\nQ,2026-03-02T09:00:00Z,P1,boom,2026-03-02T09:00:00Z\n",
      /:2: event_type/,
    ],
    [
      "csv out of order",
      "csv",
      "external_id,created_at,severity,event_type,event_at\nQ,2026-03-02T09:00:00Z,P1,agent_reply,2026-03-01T09:00:00Z\n",
      /:2: event_at/,
    ],
    ["malformed json", "json", "[{", /malformed json/],
    [
      "json event without at",
      "json",
      '[{"external_id":"Q","created_at":"2026-03-02T09:00:00Z","severity":"P1","events":[{"type":"solved"}]}]',
      /\[0\]\.events\[0\]\.at/,
    ],
  ];
  it.each(bad)("refuses %s before writing anything", async (_n, format, text, message) => {
    const jobs = await count("import_jobs");
    const tickets = await count("tickets");
    const err = await startImport({
      ctx,
      input: { format },
      files: [{ name: `bad.${format}`, bytes: enc(text) }],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
    expect(await count("import_jobs")).toBe(jobs);
    expect(await count("tickets")).toBe(tickets);
  });

  it("turns .eml threads into tickets, matching replies by Message-ID / In-Reply-To / References", async () => {
    const root = eml({
      id: "root@buyer.test",
      from: "ops@buyer.test",
      date: "Mon, 02 Mar 2026 09:00:00 +0800",
      subject: "[P1] calls drop",
    });
    const reply = eml({
      id: "r1@vendor-a.test",
      from: "Eng <eng@support.vendor-a.test>",
      date: "Mon, 02 Mar 2026 09:20:00 +0800",
      subject: "Re: [P1] calls drop",
      inReplyTo: "root@buyer.test",
    });
    const job = await startImport({
      ctx,
      input: { format: "eml", vendor_id: vendorId },
      files: [
        { name: "b.eml", bytes: reply },
        { name: "a.eml", bytes: root },
      ],
    });
    expect((await runImportJob(store.db, job.id)).status).toBe("done");
    const later = eml({
      id: "r2@buyer.test",
      from: "ops@buyer.test",
      date: "Mon, 02 Mar 2026 10:00:00 +0800",
      subject: "Re: [P1] calls drop",
      inReplyTo: "r1@vendor-a.test",
      references: ["root@buyer.test", "r1@vendor-a.test"],
    });
    const job2 = await startImport({
      ctx,
      input: { format: "eml", vendor_id: vendorId },
      files: [
        { name: "c.eml", bytes: later },
        { name: "c2.eml", bytes: later },
      ],
    });
    expect((await runImportJob(store.db, job2.id)).status).toBe("done");
    // a thread joining an earlier ticket keeps joining it when its messages span batches
    const r3 = eml({
      id: "r3@vendor-a.test",
      from: "eng@vendor-a.test",
      date: "Mon, 02 Mar 2026 11:00:00 +0800",
      subject: "Re: x",
      inReplyTo: "r2@buyer.test",
    });
    const r4 = eml({
      id: "r4@buyer.test",
      from: "ops@buyer.test",
      date: "Mon, 02 Mar 2026 12:00:00 +0800",
      subject: "Re: x",
      inReplyTo: "r3@vendor-a.test",
    });
    const job3 = await startImport({
      ctx,
      input: { format: "eml", vendor_id: vendorId, batch_size: 1 },
      files: [
        { name: "d.eml", bytes: r3 },
        { name: "e.eml", bytes: r4 },
      ],
    });
    expect((await runImportJob(store.db, job3.id)).status).toBe("done");
    const t = (await listTickets({ ctx, input: {} })).items.find((x) => x.external_id === "root@buyer.test");
    expect(t).toBeDefined();
    const detail = await getTicket({ ctx, input: { id: t?.id ?? "" } });
    expect(detail.events.map((e) => [e.type, e.author])).toEqual([
      ["created", "ops@buyer.test"],
      ["agent_reply", "eng@support.vendor-a.test"],
      ["customer_reply", "ops@buyer.test"],
      ["agent_reply", "eng@vendor-a.test"],
      ["customer_reply", "ops@buyer.test"],
    ]);
    expect(detail.severity).toBe("P1");
    const bad = await startImport({
      ctx,
      input: { format: "eml" },
      files: [{ name: "x.eml", bytes: enc("not an email at all") }],
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InputError);
  });
});
