import { readFileSync, readdirSync } from "node:fs";
import { sql } from "kysely";
import { memberCtx } from "../src/context/testing.js";
import { createUser, createWorkspace } from "../src/accounts/index.js";
import { openTestPostgres } from "../src/store/testing.js";
import { createTicket, addTicketEvent, DEMO_POLICY } from "../src/tickets/index.js";
const variant = process.argv[2] ?? "default";
const N = Number(process.argv[3] ?? 6000);
const store = await openTestPostgres();
const user = await createUser(store.db, { email: "p@acme.test", name: "P", password: "correct horse battery" });
const ws = await createWorkspace(store.db, { name: "P", adminId: user.id });
const now = new Date();
const ctx = memberCtx(store, ws.id, user.id, "admin", now);
const ids: string[] = [];
for (let i = 0; i < 2000; i++) {
  const t = await createTicket({ ctx, input: { external_id: `B-${i}`, subject: `t${i}`, severity: ["P1","P2","P3"][i%3], opened_at: new Date(now.getTime() - (i % 5000) * 60000 - 60000).toISOString(), policy: DEMO_POLICY } });
  ids.push(t.id);
}
if (variant === "notrig") {
  await sql`alter table ticket_events disable trigger all`.execute(store.db);
  await sql`alter table audit_log disable trigger all`.execute(store.db);
}
if (variant === "ff") {
  await sql`alter table tickets set (fillfactor = 70)`.execute(store.db);
  await sql`vacuum full tickets`.execute(store.db);
}
await sql`analyze`.execute(store.db);
const pgCpu = () => {
  let t = 0;
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const s = readFileSync(`/proc/${p}/stat`, "utf8");
      const name = s.slice(s.indexOf("(") + 1, s.lastIndexOf(")"));
      if (!name.startsWith("postgres")) continue;
      const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
      t += Number(f[11]) + Number(f[12]);
    } catch {}
  }
  return t * 10; // ms (100 Hz)
};
let next = 0;
const run = async (n: number) => {
  const worker = async () => {
    while (next < n) {
      const i = next++;
      await addTicketEvent({ ctx: memberCtx(store, ws.id, user.id, "admin", new Date()), input: { ticket_id: ids[i % 2000], event: { type: "customer_reply", at: new Date().toISOString() } } });
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
};
await run(2000); next = 0;
const p0 = pgCpu(); const c0 = process.cpuUsage(); const t0 = performance.now();
await run(N);
const wall = performance.now() - t0; const c = process.cpuUsage(c0); const p = pgCpu() - p0;
console.log(`${variant}: ${(N / (wall / 1000)).toFixed(0)} req/s; per request: node ${((c.user + c.system) / 1000 / N).toFixed(3)} ms, postgres ${(p / N).toFixed(3)} ms`);
await store.close();
process.exit(0);
