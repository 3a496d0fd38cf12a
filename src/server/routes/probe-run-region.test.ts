import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeVendor, startFakeVendor } from "../../probes/index.js";
import { buildTestApp, type TestApp } from "../testing.js";

/** "Run now" samples carry the server's own region (`serve --region`), like its scheduled runs. */
let t: TestApp;
let vendor: FakeVendor;
const saved = process.env.TERMSIGHT_PROBE_ALLOW;
beforeAll(async () => {
  t = await buildTestApp({ probeRegion: "fra" });
  vendor = await startFakeVendor();
  process.env.TERMSIGHT_PROBE_ALLOW = "127.0.0.1";
});
afterAll(async () => {
  if (saved === undefined) delete process.env.TERMSIGHT_PROBE_ALLOW;
  else process.env.TERMSIGHT_PROBE_ALLOW = saved;
  await vendor?.close();
  await t?.close();
});

describe("run a probe now in the server's region", () => {
  it("the sample and its stored row carry --region", async () => {
    const base = `/api/v1/workspaces/${t.ws}/probes`;
    const id = (
      await t.as(t.users.editor, {
        method: "POST",
        url: base,
        payload: { url: `${vendor.url}/health`, timeout_ms: 2000 },
      })
    ).json().id;
    const ran = await t.as(t.users.editor, { method: "POST", url: `${base}/${id}/run` });
    expect(ran.statusCode).toBe(200);
    expect(ran.json()).toMatchObject({ ok: true, region: "fra" });
    const rows = await t.store.db
      .selectFrom("probe_samples")
      .select("region")
      .where("probe_id", "=", id)
      .execute();
    expect(rows).toEqual([{ region: "fra" }]);
  });
});
