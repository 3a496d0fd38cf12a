/**
 * Per-request cost of the benchmarked routes in-process (app.inject, no sockets, no load generator):
 * mean CPU milliseconds per request over many requests, to see where a route's time goes.
 * Run: npx tsx bench/api-profile.ts [--tickets 2000] [--requests 300] [--only POST] [--thread | --pg] [--profile-dir DIR]   (add --cpu-prof to node for a profile)
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { memberCtx } from "../src/context/testing.js";
import { buildServer, createUser, createWorkspace, issueApiToken } from "../src/server/index.js";
import { analyzeChangedTables, newId, selectRowsViaJson } from "../src/store/index.js";
import { openTestPglite, openTestPgliteThread, openTestPostgres } from "../src/store/testing.js";
import { createTicket, DEMO_POLICY } from "../src/tickets/index.js";

const { values } = parseArgs({
  options: {
    tickets: { type: "string", default: "2000" },
    requests: { type: "string", default: "300" },
    /** Only the routes whose name contains this. */
    only: { type: "string", default: "" },
    /** Write a V8 CPU profile of each route's timed loop to this folder. */
    "profile-dir": { type: "string" },
    /** Run PGlite on its own thread (as `termsight serve` does); the profile then shows the server thread alone. */
    thread: { type: "boolean", default: false },
    /** The test PostgreSQL (TERMSIGHT_TEST_PG_URL) instead of PGlite: the CPU printed is then the server's alone. */
    pg: { type: "boolean", default: false },
  },
});
// The first-write route uses a ticket of its own per request (20 warm-up requests, then the timed ones).
if (
  "POST event, first write".includes(values.only) &&
  Number(values.requests) + 20 > Number(values.tickets)
) {
  process.stderr.write(
    `api-profile: "POST event, first write" needs a ticket per request: --tickets ${values.tickets} is fewer than --requests ${values.requests} + 20 warm-up; raise --tickets or choose other routes with --only\n`,
  );
  process.exit(2);
}
const store = values.pg
  ? await openTestPostgres()
  : values.thread
    ? await openTestPgliteThread()
    : await openTestPglite();
const user = await createUser(store.db, {
  email: "p@acme.test",
  name: "P",
  password: "correct horse battery",
});
const ws = await createWorkspace(store.db, { name: "P", adminId: user.id });
const { token } = await issueApiToken(store.db, {
  workspaceId: ws.id,
  userId: user.id,
  name: "p",
  scopes: ["read", "write"],
});
const now = new Date();
const ctx = memberCtx(store, ws.id, user.id, "admin", now);
const ids: string[] = [];
for (let i = 0; i < 50; i++)
  await store.db
    .insertInto("vendors")
    .values({ id: newId(), workspace_id: ws.id, name: `V${i}`, website: null, notes: null })
    .execute();
for (let i = 0; i < Number(values.tickets); i++) {
  const t = await createTicket({
    ctx,
    input: {
      severity: ["P1", "P2", "P3"][i % 3],
      opened_at: new Date(now.getTime() - (i % 5000) * 60_000 - 60_000).toISOString(),
      policy: DEMO_POLICY as Record<string, unknown>,
    },
  });
  ids.push(t.id);
}
await analyzeChangedTables(store); // as the server's auto-analyze job does after a bulk load
const app = await buildServer({ store, webRoot: null });
await app.ready();
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
const api = `/api/v1/workspaces/${ws.id}`;
const N = Number(values.requests);
const routes: [string, "GET" | "POST", (i: number) => string, ((i: number) => string) | null][] = [
  ["select 1 (store round trip)", "GET", () => "", null],
  ["tickets page query only", "GET", () => "", null],
  ["GET vendors", "GET", () => `${api}/vendors?limit=50`, null],
  ["GET tickets", "GET", () => `${api}/tickets?limit=50`, null],
  ["GET tickets ?sla=breached", "GET", () => `${api}/tickets?limit=50&sla=breached`, null],
  [
    // to 20 tickets in turn: after the warm-up, each is one this process wrote last
    "POST event",
    "POST",
    (i) => `${api}/tickets/${ids[i % 20]}/events`,
    () => JSON.stringify({ type: "customer_reply", at: new Date().toISOString() }),
  ],
  [
    // each request the first this process makes to its ticket (read, then write), from the last ticket back
    "POST event, first write",
    "POST",
    (i) => `${api}/tickets/${ids[ids.length - 1 - i]}/events`,
    () => JSON.stringify({ type: "customer_reply", at: new Date().toISOString() }),
  ],
];
for (const [name, method, url, body] of routes.filter(([n]) => n.includes(values.only))) {
  let bytes = 0;
  const one = async (i: number) => {
    if (!url(i)) {
      if (name.startsWith("tickets"))
        await selectRowsViaJson(
          store.db,
          store.db
            .selectFrom("tickets")
            .selectAll()
            .where("workspace_id", "=", ws.id)
            .orderBy("created_at", "desc")
            .orderBy("id", "desc")
            .limit(51),
          [],
        );
      else await store.db.selectFrom("workspaces").select("id").limit(1).execute();
      return;
    }
    const res = await app.inject({ method, url: url(i), headers, ...(body ? { payload: body(i) } : {}) });
    if (res.statusCode >= 300) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
    bytes = res.rawPayload.length;
  };
  for (let i = 0; i < 20; i++) await one(i);
  const profiler = values["profile-dir"] ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await one(i + 20);
  const wall = (performance.now() - t0) / N;
  const c = process.cpuUsage(c0);
  if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    writeFileSync(
      `${values["profile-dir"]}/${name.replace(/\W+/g, "_")}.cpuprofile`,
      JSON.stringify(profile),
    );
    profiler.disconnect();
  }
  console.log(
    `${name.padEnd(30)} ${wall.toFixed(2)} ms wall  ${((c.user + c.system) / 1000 / N).toFixed(2)} ms cpu per request${bytes ? `  (${(bytes / 1024).toFixed(1)} KB answer)` : ""}`,
  );
}
await app.close();
await store.close();
