import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../testing.js";

describe("POST /charts/svg", () => {
  let t: TestApp;
  const option = {
    xAxis: { type: "category", data: ["00:00", "00:01"] },
    yAxis: { type: "value" },
    series: [{ type: "bar", data: [120, 340] }],
  };
  beforeAll(async () => {
    t = await buildTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("draws for any signed-in member, and stores nothing", async () => {
    const before = await t.store.db.selectFrom("audit_log").select("id").execute();
    const res = await t.as(t.users.viewer, {
      method: "POST",
      url: "/api/v1/charts/svg",
      payload: { option, width: 480, height: 240 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().svg).toMatch(/^<svg[^>]* width="480"/);
    const after = await t.store.db.selectFrom("audit_log").select("id").execute();
    expect(after.length).toBe(before.length);
  });

  it("401 without a caller; 400 with a one-line problem for what it cannot draw", async () => {
    const anon = await t.app.inject({
      method: "POST",
      url: "/api/v1/charts/svg",
      payload: { option, width: 480, height: 240 },
    });
    expect(anon.statusCode).toBe(401);
    const bad = await t.as(t.users.viewer, {
      method: "POST",
      url: "/api/v1/charts/svg",
      payload: { option: { series: [{ type: "gauge", data: [1] }] }, width: 480, height: 240 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toBe("body.option.series[0].type: expected one of line, bar, radar");
  });
});
