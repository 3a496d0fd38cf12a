import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeContractClaim } from "../../availability/index.js";
import { claimPack } from "../../report/claim-pack.js";
import { pdfText } from "../../report/pdf-check.js";
import { seedQuarter } from "../../report/quarter-fixture.js";
import type { Store } from "../../store/index.js";
import { openTestPglite } from "../../store/testing.js";
import { addMembership, buildServer, createUser, issueApiToken } from "../index.js";

describe("reports API", () => {
  let store: Store;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let ws: string;
  let plan: Awaited<ReturnType<typeof seedQuarter>>;
  let auth: Record<string, string>;
  beforeAll(async () => {
    store = await openTestPglite();
    plan = await seedQuarter(store.db, { tickets: 12, intervalMinutes: 60 });
    ws = plan.workspaceId;
    app = await buildServer({ store, webRoot: null });
    const user = await createUser(store.db, {
      email: "r@acme.test",
      name: "R",
      password: "correct horse battery",
    });
    await addMembership(store.db, ws, user.id, "editor");
    const { token } = await issueApiToken(store.db, {
      workspaceId: ws,
      userId: user.id,
      name: "t",
      scopes: ["read", "write"],
    });
    auth = { authorization: `Bearer ${token}` };
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it("builds the model, a PDF download, stores a report and rates a solved ticket", async () => {
    const base = `/api/v1/workspaces/${ws}`;
    const json = await app.inject({
      url: `${base}/reports/build?vendor=Acme%20RTC&period=2026-Q4`,
      headers: auth,
    });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ schema: "termsight.report/v1", period: { label: "2026-Q4" } });
    const pdf = await app.inject({
      url: `${base}/reports/build?vendor=Acme%20RTC&period=2026-12&format=pdf&lang=en`,
      headers: auth,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const stored = await app.inject({
      method: "POST",
      url: `${base}/reports`,
      headers: auth,
      payload: { vendor: "Acme RTC", period: "2026-Q4", lang: "en" },
    });
    expect(stored.statusCode).toBe(201);
    const page = await app.inject({ url: `${base}/reports/${stored.json().id}`, headers: auth });
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("Quarterly service review");
    // October met its target (the one-region outage is not down by the formula): no pack is
    // offered, as no letter is, and the answer says why.
    const pack = await app.inject({
      url: `${base}/contracts/${plan.contractId}/claim-pack?period=2026-10&lang=zh`,
      headers: auth,
    });
    expect(pack.statusCode, pack.body).toBe(409);
    expect(pack.json().detail).toContain("commitment_met");
    // The pack's contents, built for the same month directly (the route refuses it).
    const claim = await computeContractClaim(store.db, {
      workspaceId: ws,
      contractId: plan.contractId,
      period: "2026-10",
      now: new Date(),
    });
    const files = unzipSync(await claimPack(claim, "zh"));
    expect(Object.keys(files).sort()).toEqual([
      "claim-letter.md",
      "claim-letter.pdf",
      "evidence-down-minutes.csv",
      "quoted-clauses.txt",
    ]);
    expect(pdfText(files["claim-letter.pdf"])).toContain("99.9");
    expect(new TextDecoder().decode(files["quoted-clauses.txt"])).toContain("月可用性不低于99.9%");
    const review = await store.db
      .selectFrom("reviews")
      .select("id")
      .where("workspace_id", "=", ws)
      .executeTakeFirstOrThrow();
    const reviewPdf = await app.inject({ url: `${base}/reviews/${review.id}/pdf?lang=zh`, headers: auth });
    expect(reviewPdf.statusCode).toBe(200);
    expect(reviewPdf.headers["content-type"]).toBe("application/pdf");
    const ticket = await store.db
      .selectFrom("tickets")
      .select("id")
      .where("workspace_id", "=", ws)
      .executeTakeFirstOrThrow();
    const rated = await app.inject({
      method: "PUT",
      url: `${base}/tickets/${ticket.id}/satisfaction`,
      headers: auth,
      payload: { score: 5, note: "quick" },
    });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ score: 5, note: "quick" });
  }, 240_000);

  it("answers bad input with a 400 naming it", async () => {
    const base = `/api/v1/workspaces/${ws}`;
    const bad = await app.inject({
      url: `${base}/reports/build?vendor=Acme%20RTC&period=someday`,
      headers: auth,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail ?? bad.body).toMatch(/period/);
    const both = await app.inject({ url: `${base}/reports/build?period=2026-Q4`, headers: auth });
    expect(both.statusCode).toBe(400);
    const score = await app.inject({
      method: "PUT",
      url: `${base}/tickets/x/satisfaction`,
      headers: auth,
      payload: { score: 9 },
    });
    expect(score.statusCode).toBe(400);
  }, 120_000);
});
