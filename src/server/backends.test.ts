import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestPgliteThread, storeBackends } from "../store/testing.js";
import { buildTestApp, loginSession, multipart, type TestApp } from "./testing.js";

/**
 * The core API flow on both store back-ends, PGlite and PostgreSQL, and on PGlite on its own thread
 * (what `termsight serve` runs): they must answer identically.
 */
describe.each([...storeBackends(), { name: "pglite-thread", open: openTestPgliteThread }])(
  "API on $name",
  ({ open }) => {
    let t: TestApp;
    beforeAll(async () => {
      const store = await open();
      const app = await buildTestApp({ store });
      t = {
        ...app,
        async close() {
          await app.close();
          await store.close();
        },
      };
    });
    afterAll(async () => {
      await t?.close();
    });

    it("vendors, documents (bytes round-trip), reviews, contracts, audit and pagination", async () => {
      const base = `/api/v1/workspaces/${t.ws}`;
      const ed = t.users.editor;
      const vendor = (
        await t.as(ed, { method: "POST", url: `${base}/vendors`, payload: { name: "Lumen" } })
      ).json();
      const bytes = new Uint8Array([
        ...new TextEncoder().encode("P1 response within 15 minutes.\n可用性 99.9%\n"),
      ]);
      const up = await t.as(ed, {
        method: "POST",
        url: `${base}/documents`,
        ...multipart({ vendor_id: vendor.id }, { name: "lumen.txt", content: bytes }),
      });
      expect(up.statusCode).toBe(201);
      const again = await t.as(ed, {
        method: "POST",
        url: `${base}/documents`,
        ...multipart({ vendor_id: vendor.id }, { name: "lumen.txt", content: bytes }),
      });
      expect(again.statusCode).toBe(200);
      const original = await t.as(t.users.viewer, {
        method: "GET",
        url: `${base}/documents/${up.json().document.id}/original`,
      });
      expect(new Uint8Array(original.rawPayload)).toEqual(bytes);
      const contract = await t.as(ed, {
        method: "POST",
        url: `${base}/contracts`,
        payload: { review_id: up.json().review.id },
      });
      expect(contract.statusCode).toBe(201);
      for (let i = 0; i < 5; i++)
        await t.as(ed, { method: "POST", url: `${base}/vendors`, payload: { name: `V${i}` } });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; next_cursor: string | null } = (
          await t.as(t.users.viewer, {
            method: "GET",
            url: `${base}/vendors?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
          })
        ).json();
        seen.push(...page.items.map((v) => v.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toHaveLength(6);
      expect(new Set(seen).size).toBe(6);
      const audit = (
        await t.as(t.users.viewer, { method: "GET", url: `${base}/audit?entity=contract` })
      ).json();
      expect(audit.items[0]).toMatchObject({ action: "create", entity: "contract", actor_id: ed.id });
    });

    it("sessions and csrf", async () => {
      const { cookie, csrf } = await loginSession(t.app, t.users.admin.email, t.users.admin.password);
      const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
      expect(me.json().csrf_token).toBe(csrf);
      const write = await t.app.inject({
        method: "PATCH",
        url: `/api/v1/workspaces/${t.ws}`,
        headers: { cookie },
        payload: { name: "x" },
      });
      expect(write.statusCode).toBe(403);
    });
  },
);
