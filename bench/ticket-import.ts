/**
 * tsx bench/ticket-import.ts [--rows 100000] [--batch 1000] [--pg]
 * Imports a generated CSV (one ticket per row) into a fresh store through startImport +
 * runImportJob and prints rows/s and the time per batch; then lists 50 tickets with SLA state.
 * `--pg` uses PostgreSQL at TERMSIGHT_TEST_PG_URL (a throw-away schema) instead of PGlite.
 */
import { parseArgs } from "node:util";
import { systemCtx } from "../src/context/index.js";
import { newId } from "../src/store/index.js";
import { openTestPglite, openTestPostgres } from "../src/store/testing.js";
import { DEMO_POLICY, listTickets, runImportJob, startImport } from "../src/tickets/index.js";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    batch: { type: "string", default: "1000" },
    pg: { type: "boolean", default: false },
  },
});
const ROWS = Number(values.rows);
const BATCH = Number(values.batch);
const log = (s: string) => process.stderr.write(`${s}\n`);

const store = values.pg ? await openTestPostgres() : await openTestPglite();
try {
  const workspaceId = newId();
  await store.db.insertInto("workspaces").values({ id: workspaceId, name: "bench" }).execute();
  const now = new Date("2026-04-01T00:00:00Z");
  const lines = ["external_id,created_at,severity,subject"];
  for (let i = 1; i <= ROWS; i++) {
    const at = new Date(now.getTime() - (i % 10_000) * 60_000).toISOString();
    lines.push(`B-${i},${at},${["P1", "P2", "P3"][i % 3]},ticket ${i}`);
  }
  const bytes = new TextEncoder().encode(`${lines.join("\n")}\n`);
  const ctx = systemCtx(store, workspaceId, now);
  let t0 = performance.now();
  const job = await startImport({
    ctx,
    input: { format: "csv", batch_size: BATCH },
    files: [{ name: "bench.csv", bytes }],
  });
  const parseMs = performance.now() - t0;
  t0 = performance.now();
  const done = await runImportJob(store.db, job.id);
  const importMs = performance.now() - t0;
  const batches = Math.ceil(ROWS / BATCH);
  console.log(`store ${store.kind}: ${ROWS} rows, batch ${BATCH}`);
  console.log(`  validate + record job: ${parseMs.toFixed(0)} ms`);
  console.log(
    `  commit: ${importMs.toFixed(0)} ms, ${((ROWS / importMs) * 1000).toFixed(0)} rows/s, ${(importMs / batches).toFixed(1)} ms/batch (${done.status})`,
  );
  await store.db
    .updateTable("tickets")
    // Raw SQL behind the verbs' back: mark the stored SLA state stale as updateTicket does.
    .set({ policy: JSON.stringify(DEMO_POLICY), sla_version: null })
    .execute();
  for (const pass of ["stale: replayed and stored", "stored state"]) {
    t0 = performance.now();
    const page = await listTickets({ ctx, input: { limit: 50 } });
    console.log(
      `  list 50 with SLA state (${pass}): ${(performance.now() - t0).toFixed(1)} ms (first: ${page.items[0]?.sla?.state})`,
    );
  }
} finally {
  await store.close();
}
log("done");
