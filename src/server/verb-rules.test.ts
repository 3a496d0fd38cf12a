import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "../accounts/index.js";
import { memberCtx } from "../context/testing.js";
import { startImport } from "../tickets/index.js";
import { buildTestApp, loginSession, multipart, type TestApp, type TestUser } from "./testing.js";

/**
 * The rules every verb keeps, checked over the OpenAPI document so routes added later are covered
 * without editing this file: every mutating route answers 403 to a workspace viewer and to a
 * read-scoped API token, and a successful call writes exactly one audit row.
 */

/** POST routes that change nothing (a computation sent as a body): no role above viewer, no audit row. */
const READS_BY_POST = new Set([
  "POST /api/v1/workspaces/{ws}/compare",
  "POST /api/v1/workspaces/{ws}/compare/pdf",
  "POST /api/v1/charts/svg",
  "POST /api/v1/review",
  "POST /api/v1/workspaces/{ws}/contracts/{id}/deadlines",
  // a dry run (fetch and extract, store nothing); dry_run false is the editor's full check
  "POST /api/v1/workspaces/{ws}/watches/fetch-now",
  "POST /api/v1/workspaces/{ws}/watches/{id}/fetch-now",
]);

/** Routes a viewer may call by design (their own tokens); a read-scoped token still may not. */
const VIEWER_ALLOWED = new Set([
  "POST /api/v1/workspaces/{ws}/tokens",
  "DELETE /api/v1/workspaces/{ws}/tokens/{id}",
]);

/**
 * Routes outside a workspace whose caller is not a workspace member with a role: sign-in, setup,
 * the invitee's acceptance and the first import are for anonymous callers or sessions.
 */
const NOT_ROLE_GATED = new Set([
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/logout",
  "POST /api/v1/auth/password-reset",
  "POST /api/v1/setup",
  "POST /api/v1/import",
  "POST /api/v1/invitations/{token}/accept",
  "POST /api/v1/agent/batches", // a probe agent's token, not a member's role
]);

/** Routes whose success this test cannot produce, with where it is checked instead. */
const NOT_RUN_HERE = new Set([
  "POST /api/v1/setup", // needs an instance without accounts: src/server/routes/setup.test.ts
  "POST /api/v1/import", // needs an empty instance, and the archive brings its own audit log: archive.test.ts
  "POST /api/v1/agent/batches", // a signed batch of a registered agent: probes/agent/agent-client.test.ts
]);

let t: TestApp;
let routes: string[];
let readToken: TestUser;
let session: { cookie: string; csrf: string };
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

beforeAll(async () => {
  t = await buildTestApp({ secretKey: randomBytes(32), loginRateLimit: 1000 });
  await t.app.ready();
  const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ["post", "put", "patch", "delete"].includes(m))
      .map((m) => key(m, path)),
  );
  const read = await issueApiToken(t.store.db, {
    workspaceId: t.ws,
    userId: t.users.admin.id,
    name: "read only",
    scopes: ["read"],
  });
  readToken = { ...t.users.admin, token: read.token, headers: { authorization: `Bearer ${read.token}` } };
  session = await loginSession(t.app, t.users.admin.email, t.users.admin.password);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

function fill(path: string, ids: Record<string, string> = {}): string {
  return path
    .replace("{ws}", t.ws)
    .replace(/\{([^}]+)\}/g, (_m, name: string) => ids[name] ?? "00000000-0000-4000-8000-000000000000");
}

async function call(who: TestUser | null, route: string, payload?: unknown, ids?: Record<string, string>) {
  const [method, path] = route.split(" ") as [string, string];
  return t.as(who, {
    method: method as "POST",
    url: fill(path, ids),
    payload: (payload ?? (method === "DELETE" ? undefined : {})) as never,
  });
}

describe("verb rules over the OpenAPI document", () => {
  it("finds the mutating routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
  });

  it("every mutating workspace route → 403 for a viewer", async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (READS_BY_POST.has(r) || VIEWER_ALLOWED.has(r) || NOT_ROLE_GATED.has(r)) continue;
      const res = await call(t.users.viewer, r);
      if (res.statusCode !== 403) failures.push(`${r} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it("every mutating route → 403 for a read-scoped api token", async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (READS_BY_POST.has(r) || NOT_ROLE_GATED.has(r)) continue;
      const res = await call(readToken, r);
      if (res.statusCode !== 403) failures.push(`${r} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it("every mutating route writes exactly one audit row", async () => {
    const admin = t.users.admin;
    const sessionUser = { ...admin, headers: { cookie: session.cookie, "x-csrf-token": session.csrf } };
    const post = async (who: TestUser, url: string, payload: unknown) => {
      const res = await t.as(who, {
        method: "POST",
        url: `/api/v1/workspaces/${t.ws}${url}`,
        payload: payload as never,
      });
      if (res.statusCode >= 300) throw new Error(`setup ${url} → ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const vendor = () => post(admin, "/vendors", { name: `V ${Math.random()}` }).then((v) => ({ id: v.id }));
    const upload = async (text: string) => {
      const res = await t.as(admin, {
        method: "POST",
        url: `/api/v1/workspaces/${t.ws}/documents`,
        ...multipart({}, { name: `sla-${Math.random()}.txt`, content: text }),
      });
      return res.json() as { document: { id: string }; review: { id: string } };
    };
    const doc = await upload("P1 incidents get a response within 15 minutes.");
    const member = async () => ({ userId: (await t.addUser("viewer", t.ws)).id });
    /** A fresh account signed in with a session (so ending its sessions spares the others). */
    const signedIn = async () => {
      const u = await t.addUser("viewer", t.ws);
      const s = await loginSession(t.app, u.email, u.password);
      return { ...u, headers: { cookie: s.cookie, "x-csrf-token": s.csrf } };
    };
    const strong = "a much longer passphrase, 2026 edition";
    const PAST = "2020-01-01T00:00:00Z";
    const ticket = async () => ({
      id: (await post(admin, "/tickets", { severity: "P1", opened_at: PAST })).id,
    });
    const incident = async () => ({
      id: (await post(admin, "/incidents", { title: "I", started_at: PAST })).id,
    });
    const probe = async (url = "https://vendor.example/health") => ({
      id: (await post(admin, "/probes", { url })).id,
    });

    const watched = async () => ({
      vendor_id: (await vendor()).id,
      name: "terms",
      url: "https://vendor.example/terms",
      extract: { whole: "html" },
    });
    const statusSource = async () => ({
      id: (
        await post(admin, "/status-sources", {
          vendor_id: (await vendor()).id,
          kind: "statuspage",
          url: `https://status-${Math.random().toString(36).slice(2)}.vendor-name.invalid`,
        })
      ).id,
    });
    const channel = (name: string) => ({
      name,
      kind: "webhook",
      config: { url: "https://hooks.vendor-name.invalid/alert" },
    });

    /** How to make one successful call of each route: who calls, its ids and body. */
    const cases: Record<
      string,
      () => Promise<{
        who?: TestUser | null;
        ids?: Record<string, string>;
        payload?: unknown;
        multipartText?: string;
        multipartName?: string;
      }>
    > = {
      "POST /api/v1/workspaces": async () => ({ who: sessionUser, payload: { name: "Another" } }),
      "PUT /api/v1/admin/settings": async () => ({
        who: sessionUser,
        payload: { workspace_creation: "instance_admins" },
      }),
      "PATCH /api/v1/admin/users/{id}": async () => ({
        who: sessionUser,
        ids: { id: (await t.addUser("viewer", t.ws)).id },
        payload: { instance_role: "member" },
      }),
      "POST /api/v1/admin/users/{id}/password-reset": async () => ({
        who: sessionUser,
        ids: { id: (await t.addUser("viewer", t.ws)).id },
      }),
      "POST /api/v1/auth/login": async () => {
        const u = await t.addUser("viewer", t.ws);
        return { who: null, payload: { email: u.email, password: u.password } };
      },
      "POST /api/v1/auth/logout": async () => ({ who: await signedIn() }),
      "POST /api/v1/auth/logout-all": async () => ({ who: await signedIn() }),
      "POST /api/v1/auth/password": async () => {
        const u = await signedIn();
        return { who: u, payload: { current_password: u.password, new_password: strong } };
      },
      "POST /api/v1/auth/password-reset": async () => {
        const u = await t.addUser("viewer", t.ws);
        const res = await t.as(sessionUser, {
          method: "POST",
          url: `/api/v1/admin/users/${u.id}/password-reset`,
        });
        return { who: null, payload: { token: res.json().token, password: strong } };
      },
      "POST /api/v1/invitations/{token}/accept": async () => {
        const inv = await post(admin, "/members", { email: `acc${Math.random()}@acme.test`, role: "viewer" });
        return { who: null, ids: { token: inv.token }, payload: { name: "Invitee", password: strong } };
      },
      "PATCH /api/v1/workspaces/{ws}": async () => ({ payload: { name: "Acme buyers" } }),
      "POST /api/v1/workspaces/{ws}/vendors": async () => ({ payload: { name: "Audited vendor" } }),
      "PATCH /api/v1/workspaces/{ws}/vendors/{id}": async () => ({
        ids: await vendor(),
        payload: { notes: "n" },
      }),
      "DELETE /api/v1/workspaces/{ws}/vendors/{id}": async () => ({ ids: await vendor() }),
      "POST /api/v1/workspaces/{ws}/documents": async () => ({
        multipartText: "Credits of 10% below 99.9%.",
      }),
      "POST /api/v1/workspaces/{ws}/reviews": async () => ({
        payload: { document_id: doc.document.id, scenario: "voice-cs" },
      }),
      "POST /api/v1/workspaces/{ws}/contracts": async () => ({ payload: { review_id: doc.review.id } }),
      "PUT /api/v1/workspaces/{ws}/contracts/{id}": async () => ({
        ids: { id: (await post(admin, "/contracts", { review_id: doc.review.id })).id },
        payload: { review_id: doc.review.id },
      }),
      "DELETE /api/v1/workspaces/{ws}/contracts/{id}": async () => ({
        ids: { id: (await post(admin, "/contracts", { review_id: doc.review.id })).id },
      }),
      "POST /api/v1/workspaces/{ws}/members": async () => ({
        payload: { email: `inv${Math.random()}@acme.test`, role: "viewer" },
      }),
      "PATCH /api/v1/workspaces/{ws}/members/{userId}": async () => ({
        ids: await member(),
        payload: { role: "editor" },
      }),
      "DELETE /api/v1/workspaces/{ws}/members/{userId}": async () => ({ ids: await member() }),
      "DELETE /api/v1/workspaces/{ws}/invitations/{id}": async () => ({
        ids: {
          id: (await post(admin, "/members", { email: `r${Math.random()}@acme.test`, role: "viewer" })).id,
        },
      }),
      "PUT /api/v1/workspaces/{ws}/secrets/{name}": async () => ({
        ids: { name: "API_KEY" },
        payload: { value: "s3cret" },
      }),
      "DELETE /api/v1/workspaces/{ws}/secrets/{name}": async () => {
        await t.as(admin, {
          method: "PUT",
          url: `/api/v1/workspaces/${t.ws}/secrets/GONE`,
          payload: { value: "x" },
        });
        return { ids: { name: "GONE" } };
      },
      "POST /api/v1/workspaces/{ws}/tokens": async () => ({ payload: { name: "ci" } }),
      "DELETE /api/v1/workspaces/{ws}/tokens/{id}": async () => ({
        ids: { id: (await post(admin, "/tokens", { name: "to revoke" })).id },
      }),
      // the enforce side (tickets, incidents, maintenance, availability, probes, agents)
      "POST /api/v1/workspaces/{ws}/tickets": async () => ({ payload: { severity: "P2", opened_at: PAST } }),
      "PATCH /api/v1/workspaces/{ws}/tickets/{id}": async () => ({
        ids: await ticket(),
        payload: { subject: "renamed" },
      }),
      "POST /api/v1/workspaces/{ws}/tickets/{id}/events": async () => ({
        ids: await ticket(),
        payload: { type: "agent_reply", at: "2020-01-01T01:00:00Z" },
      }),
      "POST /api/v1/workspaces/{ws}/tickets/import": async () => ({
        multipartName: "tickets.csv",
        multipartText: `external_id,created_at,severity,subject\nVR-${Math.random()},${PAST},P1,x\n`,
      }),
      "POST /api/v1/workspaces/{ws}/imports/{id}/resume": async () => {
        // a job left running (as by a crash): recorded, none of its batches committed
        const csv = `external_id,created_at,severity,subject\nRS-${Math.random()},${PAST},P1,x\n`;
        const job = await startImport({
          ctx: memberCtx(t.store, t.ws, admin.id, "admin", new Date()),
          input: { format: "csv" },
          files: [{ name: "left.csv", bytes: new TextEncoder().encode(csv) }],
        });
        return { ids: { id: job.id } };
      },
      "POST /api/v1/workspaces/{ws}/incidents": async () => ({
        payload: { title: "Outage", started_at: PAST },
      }),
      "PATCH /api/v1/workspaces/{ws}/incidents/{id}": async () => ({
        ids: await incident(),
        payload: { title: "Outage (resolved)" },
      }),
      "POST /api/v1/workspaces/{ws}/incidents/{id}/rca": async () => ({ ids: await incident(), payload: {} }),
      "POST /api/v1/workspaces/{ws}/maintenance-notices": async () => ({
        payload: {
          title: "DB upgrade",
          window_start: "2020-02-01T00:00:00Z",
          window_end: "2020-02-01T02:00:00Z",
        },
      }),
      "POST /api/v1/workspaces/{ws}/contracts/{id}/logs": async () => ({
        ids: { id: (await post(admin, "/contracts", { review_id: doc.review.id })).id },
        payload: {
          format: "csv",
          text: `timestamp,status,latency_ms\n2020-01-01T00:00:00Z,200,${Math.random()}\n`,
        },
      }),
      "PUT /api/v1/workspaces/{ws}/contracts/{id}/availability/settings": async () => ({
        ids: { id: (await post(admin, "/contracts", { review_id: doc.review.id })).id },
        payload: { formula: "generic-time", timezone: "UTC" },
      }),
      "POST /api/v1/workspaces/{ws}/probes": async () => ({
        payload: { url: "https://vendor.example/health" },
      }),
      "PATCH /api/v1/workspaces/{ws}/probes/{id}": async () => ({
        ids: await probe(),
        payload: { interval_s: 120 },
      }),
      "DELETE /api/v1/workspaces/{ws}/probes/{id}": async () => ({ ids: await probe() }),
      // a name that never resolves: the run is a failed sample, stored and audited
      "POST /api/v1/workspaces/{ws}/probes/{id}/run": async () => ({
        ids: await probe("https://probe-target.invalid/health"),
      }),
      "POST /api/v1/workspaces/{ws}/agents": async () => ({ payload: { name: "edge", region: "fra" } }),
      "DELETE /api/v1/workspaces/{ws}/agents/{id}": async () => ({
        ids: { id: (await post(admin, "/agents", { name: "gone", region: "fra" })).id },
      }),
      // watch, status sources, reports, satisfaction, alerts
      "PUT /api/v1/workspaces/{ws}/watches": async () => ({
        payload: { ...(await watched()), name: `terms ${Math.random()}` },
      }),
      "POST /api/v1/workspaces/{ws}/watches.yaml": async () => {
        const w = await watched();
        const yaml = `schema: termsight.watch/v1\nwatches:\n  - vendor_id: ${w.vendor_id}\n    name: yaml terms\n    url: ${w.url}\n    extract: { whole: html }\n`;
        return { payload: { yaml } };
      },
      "POST /api/v1/workspaces/{ws}/status-sources": async () => ({
        payload: { vendor_id: (await vendor()).id, kind: "statuspage", url: "https://status.vendor.example" },
      }),
      "PUT /api/v1/workspaces/{ws}/status-sources/{id}/component-map": async () => ({
        ids: await statusSource(),
        payload: { component_map: { API: ["api"] } },
      }),
      // a name that never resolves: the source is marked unreadable, which is recorded and audited
      "POST /api/v1/workspaces/{ws}/status-sources/{id}/poll": async () => ({ ids: await statusSource() }),
      "POST /api/v1/workspaces/{ws}/reports": async () => ({
        payload: { vendor: (await vendor()).id, period: "2020-01", lang: "en" },
      }),
      "PUT /api/v1/workspaces/{ws}/tickets/{id}/satisfaction": async () => {
        const solved = await post(admin, "/tickets", {
          severity: "P3",
          opened_at: PAST,
          events: [{ type: "solved", at: "2020-01-01T02:00:00Z" }],
        });
        return { ids: { id: solved.id }, payload: { score: 4, note: "quick" } };
      },
      "POST /api/v1/workspaces/{ws}/alert-channels": async () => ({ payload: channel("added") }),
      "PATCH /api/v1/workspaces/{ws}/alert-channels/{id}": async () => ({
        ids: { id: (await post(admin, "/alert-channels", channel("to rename"))).id },
        payload: { name: "renamed" },
      }),
      "DELETE /api/v1/workspaces/{ws}/alert-channels/{id}": async () => ({
        ids: { id: (await post(admin, "/alert-channels", channel("to delete"))).id },
      }),
      // the test message fails (the name never resolves): the answer says so, the call is audited
      "POST /api/v1/workspaces/{ws}/alert-channels/{id}/test": async () => ({
        ids: { id: (await post(admin, "/alert-channels", channel("to test"))).id },
      }),
      "PUT /api/v1/workspaces/{ws}/alert-settings": async () => ({ payload: { lang: "en" } }),
      "POST /api/v1/workspaces/{ws}/alert-channels.yaml": async () => {
        // the workspace's own export sent back: channels matched by name, no secret needed
        const res = await t.as(admin, {
          method: "GET",
          url: `/api/v1/workspaces/${t.ws}/alert-channels.yaml`,
        });
        if (res.statusCode !== 200) throw new Error(`setup channels export → ${res.statusCode} ${res.body}`);
        return { payload: { yaml: res.body } };
      },
      "PATCH /api/v1/workspaces/{ws}/maintenance-notices/{id}": async () => ({
        ids: {
          id: (
            await post(admin, "/maintenance-notices", {
              title: "Patch",
              window_start: "2020-03-01T00:00:00Z",
              window_end: "2020-03-01T01:00:00Z",
            })
          ).id,
        },
        payload: { title: "Patch (moved)" },
      }),
      "PUT /api/v1/workspaces/{ws}/contracts/{id}/credit-records/{period}/claim": async () => ({
        ids: { id: (await post(admin, "/contracts", { review_id: doc.review.id })).id, period: "2020-01" },
        payload: { claimed_on: "2020-02-03", amount: 120, currency: "CNY", reference: "CASE-1" },
      }),
      "PUT /api/v1/workspaces/{ws}/contracts/{id}/credit-records/{period}/received": async () => ({
        ids: { id: (await post(admin, "/contracts", { review_id: doc.review.id })).id, period: "2020-01" },
        payload: { received_on: "2020-03-01", amount: 120, currency: "CNY" },
      }),
      "PUT /api/v1/workspaces/{ws}/probes/{id}/alert-policy": async () => ({
        ids: await probe(),
        payload: { min_failing_regions: 1 },
      }),
    };

    const failures: string[] = [];
    const countRows = async () =>
      Number(
        (
          await t.store.db
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const r of routes) {
      if (READS_BY_POST.has(r) || NOT_RUN_HERE.has(r)) continue;
      const make = cases[r];
      if (!make) {
        failures.push(`${r}: no case in this test`);
        continue;
      }
      const c = await make();
      const before = await countRows();
      const [method, path] = r.split(" ") as [string, string];
      const res = c.multipartText
        ? await t.as(c.who === undefined ? admin : c.who, {
            method: "POST",
            url: fill(path, c.ids),
            ...multipart({}, { name: c.multipartName ?? "audited.txt", content: c.multipartText }),
          })
        : await t.as(c.who === undefined ? admin : c.who, {
            method: method as "POST",
            url: fill(path, c.ids),
            payload: (c.payload ?? (method === "DELETE" ? undefined : {})) as never,
          });
      if (res.statusCode >= 300) {
        failures.push(`${r} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        continue;
      }
      const rows = (await countRows()) - before;
      if (rows !== 1) failures.push(`${r}: ${rows} audit rows`);
    }
    expect(failures).toEqual([]);
    // one real call per mutating route, on a shared 2-core machine: well past the default 30 s
  }, 180_000);
});
