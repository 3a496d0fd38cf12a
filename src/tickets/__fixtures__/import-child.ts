/**
 * Child process of import-crash.test.ts: imports a CSV into a PGlite folder, printing
 * `job <id>` and `batch <done>` lines, so the parent can kill it with SIGKILL mid-way.
 * usage: tsx import-child.ts DATA_DIR CSV_FILE WORKSPACE_ID USER_ID [main|worker]  (PGlite's thread)
 */
import { readFileSync } from "node:fs";
import { memberCtx } from "../../context/testing.js";
import { openStore } from "../../store/index.js";
import { runImportJob, startImport } from "../index.js";

const [dataDir, csvFile, workspaceId, userId, thread] = process.argv.slice(2);
const store = await openStore({ dataDir, pgliteThread: thread === "worker" ? "worker" : "main" });
const ctx = memberCtx(store, workspaceId, userId, "editor", new Date("2026-04-01T00:00:00Z"));
const job = await startImport({
  ctx,
  input: { format: "csv", batch_size: 1000 },
  files: [{ name: "big.csv", bytes: readFileSync(csvFile) }],
});
process.stdout.write(`job ${job.id}\n`);
const result = await runImportJob(store.db, job.id, {
  onBatch: (p) => process.stdout.write(`batch ${p.done}\n`),
});
process.stdout.write(`${result.status}\n`);
await store.close();
