import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../context/index.js";
import { parseAllowlist } from "../probes/index.js";
import { jsonb, newId, type Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { checkWatch, fetchWatchNowWith, putWatch, runWatchRound, termChangesFeed } from "./index.js";
import { fixturePdf } from "./testing/fixture-pdf.js";
import { type FixtureSite, startFixtureSite } from "./testing/fixture-site.js";
import { seedWatchWorkspace } from "./testing/seed.js";
import { SLA_V1, SLA_V2, slaHtml } from "./testing/sla-pages.js";

const T0 = new Date("2026-03-02T08:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const allow = parseAllowlist(["127.0.0.1"]);

describe.each(storeBackends())("watched documents end to end on $name", ({ open }) => {
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

  const watchRow = (id: string) =>
    store.db.selectFrom("watched_documents").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const count = async (
    table: "watch_versions" | "watch_events" | "vendor_findings" | "watch_snapshots",
    watchId?: string,
  ) => {
    let q = store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("workspace_id", "=", ws);
    if (watchId && table !== "watch_events" && table !== "vendor_findings")
      q = q.where("watch_id", "=", watchId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  it("weakened terms make one version, a commitment diff with both spans, one alert and the vendor's findings", async () => {
    site.set("/sla", { body: slaHtml(SLA_V1), etag: '"v1"' });
    const ctx = systemCtx(store, ws, T0);
    // the signed contract: 99.95 % and a 60-day claim window, evidence as terms-file quotes
    const contractId = newId();
    await store.db
      .insertInto("contracts")
      .values({
        id: contractId,
        workspace_id: ws,
        vendor_id: vendorId,
        name: "Acme 2026",
        terms_yaml: "schema: termsight.terms/v1\n",
        terms: jsonb({
          commitments: {
            availability: { target_percent: 99.95, evidence: [{ line: 4, text: "signed: 99.95% monthly" }] },
            credits: {
              claim_deadline_days: 60,
              evidence: [{ line: 9, text: "signed: claims within 60 days" }],
            },
          },
        }),
        valid_from: "2026-01-01",
        valid_to: "2026-12-31",
        created_by: null,
        created_at: T0,
        updated_at: T0,
      })
      .execute();
    const watch = await putWatch({
      ctx,
      input: {
        vendor_id: vendorId,
        name: "acme-sla",
        url: `${site.origin}/sla`,
        extract: { keep: ["article.sla"], remove: [".cookie"] },
        contract_id: contractId,
      },
    });
    expect(watch.declaration.schedule).toEqual({ every_hours: 12, jitter_minutes: 60 });

    const first = await runWatchRound(store, at(2), { allow });
    expect(first).toMatchObject({ checked: 1, outcomes: { changed: 1 } });
    expect(await count("watch_versions", watch.id)).toBe(1);
    expect(await count("watch_events")).toBe(0);
    const firstUa = site.requests.at(-1)?.headers["user-agent"];
    expect(firstUa).toMatch(/Termsight-Watch/);

    // unchanged refetch: the server answers 304 to the ETag, no version
    const r304 = await checkWatch(store, await watchRow(watch.id), at(14), { allow });
    expect(r304.outcome).toBe("not_modified");
    expect(site.requests.at(-1)?.headers["if-none-match"]).toBe('"v1"');
    // same text, different bytes (the cookie banner is removed by the declaration): no version
    site.set("/sla", { body: slaHtml(SLA_V1, { banner: "New cookie text" }), etag: '"v1b"' });
    expect((await checkWatch(store, await watchRow(watch.id), at(26), { allow })).outcome).toBe("unchanged");
    expect(await count("watch_versions", watch.id)).toBe(1);

    site.set("/sla", { body: slaHtml(SLA_V2), etag: '"v2"' });
    const changed = await checkWatch(store, await watchRow(watch.id), at(38), { allow });
    expect(changed.outcome).toBe("changed");
    expect(await count("watch_versions", watch.id)).toBe(2);
    const byId = new Map(changed.changes.map((c) => [c.id, c]));
    const availability = byId.get("availability.target_percent");
    expect(availability).toMatchObject({
      direction: "weakened",
      before: 99.95,
      after: 99.9,
      summary: "availability 99.95 % → 99.9 %",
    });
    expect(availability?.before_evidence[0]?.text).toContain("99.95%");
    expect(availability?.after_evidence[0]?.text).toContain("99.9%");
    const claim = byId.get("credits.claim_window_days");
    expect(claim).toMatchObject({
      direction: "weakened",
      before: 60,
      after: 30,
      summary: "claim window 60 days → 30 days",
    });
    expect(claim?.before_evidence.some((e) => e.text.includes("60 days"))).toBe(true);
    expect(claim?.after_evidence.some((e) => e.text.includes("30 days"))).toBe(true);

    const events = await store.db
      .selectFrom("watch_events")
      .selectAll()
      .where("workspace_id", "=", ws)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "terms.weakened", severity: "high", vendor_id: vendorId });
    const findings = await store.db
      .selectFrom("vendor_findings")
      .select("finding_id")
      .where("vendor_id", "=", vendorId)
      .execute();
    expect(findings.map((f) => f.finding_id).sort()).toContain("watch.weakened.availability.target_percent");
    expect(findings.map((f) => f.finding_id)).toContain("watch.weakened.credits.claim_window_days");

    const vsContract = (
      await store.db
        .selectFrom("watch_versions")
        .select("contract_changes")
        .where("id", "=", changed.versionId ?? "")
        .executeTakeFirstOrThrow()
    ).contract_changes as { id: string; summary: string; before_evidence: { text: string }[] }[];
    const signed = vsContract.find((c) => c.id === "availability.target_percent");
    expect(signed?.summary).toBe("availability 99.95 % → 99.9 %");
    expect(signed?.before_evidence[0].text).toBe("signed: 99.95% monthly");
    expect(vsContract.map((c) => c.id)).toContain("credits.claim_window_days");
    const version = await store.db
      .selectFrom("watch_versions")
      .selectAll()
      .where("id", "=", changed.versionId ?? "")
      .executeTakeFirstOrThrow();
    expect((version.text_diff as { unified: string }).unified).toContain(
      "-1. Availability. Acme will make the Service available at least 99.95%",
    );
    expect((version.text_diff as { added_lines: number }).added_lines).toBeGreaterThan(0);

    const feed = await termChangesFeed({
      ctx: systemCtx(store, ws, at(39)),
      input: { self_url: "https://x/feed?a=1&b=<2>" },
    });
    expect(feed).toContain("availability 99.95 % → 99.9 %");
    expect(feed).toContain("a=1&amp;b=&lt;2&gt;");
    expect(feed.match(/<entry>/g)).toHaveLength(1);

    // a layout change: the selector finds nothing → broken, never an empty version
    site.set("/sla", { body: slaHtml(SLA_V2, { layout: "v2" }), etag: '"v3"' });
    const broken = await checkWatch(store, await watchRow(watch.id), at(50), { allow });
    expect(broken).toMatchObject({ outcome: "broken" });
    expect(broken.reason).toMatch(/article\.sla.*matched nothing/);
    expect(await count("watch_versions", watch.id)).toBe(2);
    expect(await watchRow(watch.id)).toMatchObject({ state: "broken" });

    // the dry run of a repaired declaration reads the page without storing anything
    const dry = await fetchWatchNowWith({ allow })({
      ctx: systemCtx(store, ws, at(51)),
      input: {
        id: watch.id,
        declaration: {
          vendor_id: vendorId,
          name: "acme-sla",
          url: `${site.origin}/sla`,
          extract: { keep: ["section.terms"] },
        },
      },
    });
    expect(dry).toMatchObject({ outcome: "ok", changed: false });
    expect(await count("watch_versions", watch.id)).toBe(2);

    // saving the repaired declaration drops the ETag: the next fetch reads the page again and the watch is ok
    await putWatch({
      ctx: systemCtx(store, ws, at(52)),
      input: {
        vendor_id: vendorId,
        name: "acme-sla",
        url: `${site.origin}/sla`,
        extract: { keep: ["section.terms"] },
        contract_id: contractId,
      },
    });
    expect(await watchRow(watch.id)).toMatchObject({ state: "pending", etag: null });
    expect((await checkWatch(store, await watchRow(watch.id), at(53), { allow })).outcome).toBe("unchanged");
    expect(site.requests.at(-1)?.headers["if-none-match"]).toBeUndefined();
    expect(await watchRow(watch.id)).toMatchObject({ state: "ok", broken_reason: null });
  });

  it("500s, timeouts and refused addresses are unreachable, not versions", async () => {
    const ctx = systemCtx(store, ws, T0);
    site.set("/flaky", { status: 500, body: "oops" });
    const w = await putWatch({
      ctx,
      input: { vendor_id: vendorId, name: "flaky", url: `${site.origin}/flaky`, extract: { keep: ["main"] } },
    });
    expect(await checkWatch(store, await watchRow(w.id), at(1), { allow })).toMatchObject({
      outcome: "unreachable",
      reason: "http status 500",
    });
    site.set("/flaky", { body: slaHtml(SLA_V1), delayMs: 2000 });
    const slow = await checkWatch(store, await watchRow(w.id), at(2), { allow, timeoutMs: 200 });
    expect(slow).toMatchObject({ outcome: "unreachable", reason: "timeout after 200 ms" });
    const blocked = await checkWatch(store, await watchRow(w.id), at(3), { allow: parseAllowlist([]) });
    expect(blocked.outcome).toBe("unreachable");
    expect(blocked.reason).toMatch(/blocked: loopback/);
    expect(await count("watch_versions", w.id)).toBe(0);
    expect(await count("watch_snapshots", w.id)).toBe(3);
  });

  it("a whole PDF is versioned when its text changes", async () => {
    const ctx = systemCtx(store, ws, T0);
    site.set("/sla.pdf", {
      body: await fixturePdf(SLA_V1),
      contentType: "application/pdf",
      lastModified: "Mon, 02 Mar 2026 00:00:00 GMT",
    });
    const w = await putWatch({
      ctx,
      input: {
        vendor_id: vendorId,
        name: "acme-sla-pdf",
        url: `${site.origin}/sla.pdf`,
        extract: { whole: "pdf" },
      },
    });
    expect((await checkWatch(store, await watchRow(w.id), at(1), { allow })).outcome).toBe("changed");
    expect((await checkWatch(store, await watchRow(w.id), at(2), { allow })).outcome).toBe("not_modified");
    expect(site.requests.at(-1)?.headers["if-modified-since"]).toBe("Mon, 02 Mar 2026 00:00:00 GMT");
    site.set("/sla.pdf", {
      body: await fixturePdf(SLA_V2),
      contentType: "application/pdf",
      lastModified: "Tue, 03 Mar 2026 00:00:00 GMT",
    });
    const r = await checkWatch(store, await watchRow(w.id), at(3), { allow });
    expect(r.outcome).toBe("changed");
    expect(r.changes.find((c) => c.id === "availability.target_percent")).toMatchObject({
      before: 99.95,
      after: 99.9,
    });
    // the page now serves HTML where a PDF was declared: broken
    site.set("/sla.pdf", { body: slaHtml(SLA_V2) });
    expect((await checkWatch(store, await watchRow(w.id), at(4), { allow })).outcome).toBe("broken");
    expect(await count("watch_versions", w.id)).toBe(2);
  });
});
