import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../../context/index.js";
import { parseAllowlist } from "../../probes/index.js";
import { jsonb, newId, type Store } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { type FixtureSite, startFixtureSite } from "../testing/fixture-site.js";
import { seedWatchWorkspace } from "../testing/seed.js";
import {
  incidentsJson,
  maintenancesJson,
  statusAtom,
  statusRss,
} from "./__fixtures__/statuspage-fixtures.js";
import { compareDeclaredMeasured, outagesFromSamples } from "./declared-vs-measured.js";
import { readStatusFeed } from "./feed-reader.js";
import { pollStatusSource } from "./poll-status-source.js";
import { addStatusSource, declaredVsMeasured, listStatusRecords, setComponentMap } from "./status-verbs.js";

const allow = parseAllowlist(["127.0.0.1"]);
const iso = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);

describe("status feeds and declared vs measured (pure)", () => {
  it("reads RSS and Atom items with the vendor's text, markup dropped", () => {
    const rss = readStatusFeed(statusRss);
    expect(rss.map((e) => [e.kind, e.title, e.status])).toEqual([
      ["incident", "Elevated errors on Voice API & SDK", "resolved"],
      ["maintenance", "Scheduled maintenance: database upgrade", null],
    ]);
    expect(rss[0].body).toBe("Resolved - This incident has been resolved.");
    expect(rss[0].declaredAt?.toISOString()).toBe("2026-03-02T10:10:00.000Z");
    const atom = readStatusFeed(statusAtom);
    expect(atom).toHaveLength(1);
    expect(atom[0]).toMatchObject({ externalId: "urn:acme:inc2", body: "Investigating slow transcription." });
    expect(() => readStatusFeed("<html><body>maintenance</body></html>")).toThrow(/not an RSS or Atom/);
  });

  it("computes overlap, lead and disagreeing minutes (hand-computed)", () => {
    // incident 10:10–11:00; outages 10:02–10:41 and 11:20–11:25 (no incident)
    const rows = compareDeclaredMeasured(
      [{ id: "inc", start: iso("10:10"), end: iso("11:00") }],
      [
        { id: "o1", start: iso("10:02"), end: iso("10:41") },
        { id: "o2", start: iso("11:20"), end: iso("11:25") },
      ],
      iso("12:00"),
    );
    expect(rows).toEqual([
      {
        incidentId: "inc",
        outageIds: ["o1"],
        overlapMinutes: 31,
        disagreeMinutes: 27,
        firstSeenBy: "probes",
        leadMinutes: 8,
      },
      {
        incidentId: null,
        outageIds: ["o2"],
        overlapMinutes: 0,
        disagreeMinutes: 5,
        firstSeenBy: null,
        leadMinutes: null,
      },
    ]);
    const vendorFirst = compareDeclaredMeasured(
      [{ id: "i", start: iso("10:00"), end: null }],
      [{ id: "o", start: iso("10:03"), end: iso("10:20") }],
      iso("10:30"),
    );
    expect(vendorFirst[0]).toMatchObject({
      firstSeenBy: "vendor",
      leadMinutes: 3,
      overlapMinutes: 17,
      disagreeMinutes: 13,
    });
  });

  it("turns runs of failed samples into outages", () => {
    const s = (hhmm: string, ok: boolean) => ({ at: iso(hhmm), ok });
    expect(
      outagesFromSamples([
        s("10:00", true),
        s("10:01", false),
        s("10:02", false),
        s("10:03", true),
        s("10:04", false),
      ]),
    ).toEqual([
      { id: "outage-1", start: iso("10:01"), end: iso("10:03") },
      { id: "outage-2", start: iso("10:04"), end: null },
    ]);
  });
});

describe.each(storeBackends())("status sources on $name", ({ open }) => {
  let store: Store;
  let site: FixtureSite;
  let ws: string;
  let vendorId: string;
  beforeAll(async () => {
    store = await open();
    site = await startFixtureSite();
    const seeded = await seedWatchWorkspace(store);
    ws = seeded.workspaceId;
    vendorId = seeded.vendorIds[0];
  });
  afterAll(async () => {
    await site?.close();
    await store?.close();
  });

  it("writes what a poll found and the caller's record in one transaction: a failed record stores nothing", async () => {
    site.set("/api/v2/incidents.json", { body: incidentsJson(false), contentType: "application/json" });
    site.set("/api/v2/scheduled-maintenances.json", {
      body: maintenancesJson,
      contentType: "application/json",
    });
    const { id } = await addStatusSource({
      ctx: systemCtx(store, ws, iso("09:00")),
      input: { vendor_id: vendorId, kind: "statuspage", url: `${site.origin}/atomic`, component_map: {} },
    });
    const source = () =>
      store.db.selectFrom("status_sources").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    site.set("/atomic/api/v2/incidents.json", {
      body: incidentsJson(false),
      contentType: "application/json",
    });
    site.set("/atomic/api/v2/scheduled-maintenances.json", {
      body: maintenancesJson,
      contentType: "application/json",
    });
    const failing = async () => {
      throw new Error("audit refused");
    };
    await expect(pollStatusSource(store, await source(), iso("09:05"), { allow }, failing)).rejects.toThrow(
      "audit refused",
    );
    const stored = () =>
      store.db.selectFrom("status_records").select("id").where("source_id", "=", id).execute();
    expect(await stored()).toHaveLength(0);
    expect((await source()).last_polled_at).toBeNull();
    // the unreadable branch too
    site.set("/atomic/api/v2/incidents.json", { body: "<html>down</html>", contentType: "text/html" });
    await expect(pollStatusSource(store, await source(), iso("09:06"), { allow }, failing)).rejects.toThrow();
    expect((await source()).state).not.toBe("unreadable");
    // the same source and pages without the failing record: the first poll above did read two records
    site.set("/atomic/api/v2/incidents.json", {
      body: incidentsJson(false),
      contentType: "application/json",
    });
    expect(await pollStatusSource(store, await source(), iso("09:07"), { allow })).toMatchObject({
      state: "ok",
      added: 2,
    });
    await store.db.deleteFrom("watch_events").where("workspace_id", "=", ws).execute();
    await store.db.deleteFrom("status_sources").where("id", "=", id).execute();
  });

  it("stores an incident once with its first-seen time and compares it with probe outages", async () => {
    site.set("/api/v2/incidents.json", { body: incidentsJson(false), contentType: "application/json" });
    site.set("/api/v2/scheduled-maintenances.json", {
      body: maintenancesJson,
      contentType: "application/json",
    });
    const ctx = (at: Date) => systemCtx(store, ws, at);
    const { id } = await addStatusSource({
      ctx: ctx(iso("10:00")),
      input: {
        vendor_id: vendorId,
        kind: "statuspage",
        url: site.origin,
        component_map: { "Voice API": ["voice"] },
      },
    });
    const source = () =>
      store.db.selectFrom("status_sources").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(await pollStatusSource(store, await source(), iso("10:12"), { allow })).toMatchObject({
      state: "ok",
      added: 2,
    });
    const events = () =>
      store.db
        .selectFrom("watch_events")
        .select(["kind", "severity"])
        .where("workspace_id", "=", ws)
        .execute();
    expect(await events()).toEqual([{ kind: "status.incident", severity: "high" }]);
    site.set("/api/v2/incidents.json", { body: incidentsJson(true), contentType: "application/json" });
    expect(await pollStatusSource(store, await source(), iso("11:05"), { allow })).toMatchObject({
      state: "ok",
      added: 0,
      updated: 2,
    });
    expect(await events()).toHaveLength(1);
    const records = (await listStatusRecords({ ctx: ctx(iso("11:06")), input: { vendor_id: vendorId } })) as {
      kind: string;
      first_seen_at: Date;
      status: string;
      services: string[];
      body: string;
      resolved_at: Date;
    }[];
    expect(records).toHaveLength(2);
    const inc = records.find((r) => r.kind === "incident");
    expect(inc?.first_seen_at.toISOString()).toBe(iso("10:12").toISOString());
    expect(inc).toMatchObject({ status: "resolved", services: ["voice"] });
    expect(inc?.body).toContain("We are investigating elevated error rates");
    expect(inc?.resolved_at.toISOString()).toBe(iso("11:00").toISOString());

    // an unreadable source is a state of the source, never an outage; its records stay
    site.set("/api/v2/incidents.json", { body: "<html>maintenance page</html>", contentType: "text/html" });
    expect(await pollStatusSource(store, await source(), iso("11:10"), { allow })).toMatchObject({
      state: "unreadable",
      added: 0,
    });
    expect((await source()).error).toMatch(/not JSON/);
    expect(await listStatusRecords({ ctx: ctx(iso("11:11")), input: {} })).toHaveLength(2);

    expect(
      await setComponentMap({
        ctx: ctx(iso("11:12")),
        input: { source_id: id, component_map: { "voice api": ["voice", "asr"] } },
      }),
    ).toEqual({ remapped: 2 });

    // probe samples every minute from two regions: eu fails 10:02–10:40, us fails 10:05–10:30; 11:20–11:24 eu only
    const probeId = newId();
    await store.db
      .insertInto("probes")
      .values({
        id: probeId,
        workspace_id: ws,
        vendor_id: vendorId,
        name: "voice",
        kind: "http",
        url: "https://voice.acme.test",
        interval_s: 60,
        jitter_s: 0,
        timeout_ms: 5000,
        retries: 0,
        regions: jsonb([]),
        config: jsonb({}),
        enabled: true,
        created_by: null,
        created_at: iso("09:00"),
        updated_at: iso("09:00"),
      })
      .execute();
    const rows = [];
    for (let m = 0; m <= 120; m++) {
      const at = new Date(iso("10:00").getTime() + m * 60_000);
      const eu = !((m >= 2 && m <= 40) || (m >= 80 && m <= 84));
      const us = !(m >= 5 && m <= 30);
      for (const [region, ok] of [
        ["eu", eu],
        ["us", us],
      ] as const)
        rows.push({
          workspace_id: ws,
          probe_id: probeId,
          agent_id: null,
          batch_id: null,
          region,
          at,
          received_at: at,
          skew_flagged: false,
          ok,
          degraded: false,
          attempt: 1,
          status: ok ? 200 : 503,
          error: null,
          total_ms: 10,
          sample: jsonb({}),
        });
    }
    await store.db.insertInto("probe_samples").values(rows).execute();
    const report = await declaredVsMeasured({
      ctx: ctx(iso("12:30")),
      input: {
        vendor_id: vendorId,
        from: "2026-03-02T09:00:00Z",
        to: "2026-03-02T12:30:00Z",
        committed_notice_hours: 72,
      },
    });
    expect(report.incidents).toEqual([
      {
        incidentId: expect.any(String),
        outageIds: ["outage-1"],
        overlapMinutes: 31,
        disagreeMinutes: 27,
        firstSeenBy: "probes",
        leadMinutes: 8,
      },
      {
        incidentId: null,
        outageIds: ["outage-2"],
        overlapMinutes: 0,
        disagreeMinutes: 5,
        firstSeenBy: null,
        leadMinutes: null,
      },
    ]);
    expect(report.maintenance).toEqual([
      {
        recordId: expect.any(String),
        noticeHours: 24,
        committedNoticeHours: 72,
        enough: false,
        windowMinutes: 120,
      },
    ]);
    expect(report.unreadable_sources).toEqual([site.origin]);
  });
});
