import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import { seedWorkspace } from "./__fixtures__/store-fixture.js";
import { resumeRunningImports, runImportJob } from "./index.js";

const ROWS = 100_000;
const BATCH = 1000;
const KILL_AFTER = 5 * BATCH;
const CHILD = fileURLToPath(new URL("./__fixtures__/import-child.ts", import.meta.url));

function bigCsv(): string {
  const lines = ["external_id,created_at,severity,subject"];
  for (let i = 1; i <= ROWS; i++)
    lines.push(`K-${String(i).padStart(6, "0")},2026-03-01T00:00:00Z,P1,ticket ${i}`);
  return `${lines.join("\n")}\n`;
}

/** Runs the child until it has committed KILL_AFTER rows, then SIGKILLs it; resolves with the job id. */
function importAndKill(
  dataDir: string,
  csv: string,
  workspaceId: string,
  userId: string,
  thread: "main" | "worker",
): Promise<{ jobId: string; lastSeen: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", CHILD, dataDir, csv, workspaceId, userId, thread],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let jobId = "";
    let lastSeen = 0;
    let buffer = "";
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.stdout.on("data", (d) => {
      buffer += d;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("job ")) jobId = line.slice(4);
        if (line.startsWith("batch ")) lastSeen = Number(line.slice(6));
        if (lastSeen >= KILL_AFTER && !child.killed) child.kill("SIGKILL");
      }
    });
    child.on("exit", (_code, signal) => {
      if (signal !== "SIGKILL")
        reject(new Error(`child ended without being killed (${signal}): ${stderr.slice(-500)}`));
      else resolve({ jobId, lastSeen });
    });
  });
}

// "worker" is how `termsight serve` runs PGlite (its own thread); "main" is the CLI's.
describe.each(["main", "worker"] as const)(
  "kill -9 during a 100k-row CSV import (PGlite, %s thread)",
  (thread) => {
    const dir = mkdtempSync(join(tmpdir(), "termsight-crash-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("keeps whole batches only, and the job resumes to completion", async () => {
      const dataDir = join(dir, "data");
      const csv = join(dir, "big.csv");
      writeFileSync(csv, bigCsv());
      let store = await openStore({ dataDir });
      const seeded = await seedWorkspace(store, { contract: false });
      await store.close();

      const { jobId, lastSeen } = await importAndKill(
        dataDir,
        csv,
        seeded.workspaceId,
        seeded.userId,
        thread,
      );
      expect(jobId).not.toBe("");
      expect(lastSeen).toBeGreaterThanOrEqual(KILL_AFTER);

      store = await openStore({ dataDir });
      try {
        const n = async (q: string) => (await sql<{ n: number }>`${sql.raw(q)}`.execute(store.db)).rows[0].n;
        const tickets = await n("select count(*)::int as n from tickets");
        const events = await n("select count(*)::int as n from ticket_events");
        const job = await store.db
          .selectFrom("import_jobs")
          .selectAll()
          .where("id", "=", jobId)
          .executeTakeFirstOrThrow();
        expect(tickets % BATCH).toBe(0);
        expect(tickets).toBeGreaterThanOrEqual(lastSeen);
        expect(tickets).toBeLessThan(ROWS);
        expect(job.done).toBe(tickets);
        expect(job.status).toBe("running");
        expect(events).toBe(tickets);
        // every committed batch is complete: the first `done` external ids are all there
        expect(await n(`select max(external_id) as n from tickets`)).toBe(
          `K-${String(tickets).padStart(6, "0")}`,
        );
        expect(
          await n(
            "select count(*)::int as n from tickets t where not exists (select 1 from ticket_events e where e.ticket_id = t.id)",
          ),
        ).toBe(0);

        const resumed = await resumeRunningImports(store.db);
        expect(resumed).toEqual([expect.objectContaining({ id: jobId, status: "done", done: ROWS })]);
        expect((await runImportJob(store.db, jobId)).done).toBe(ROWS); // re-running a finished job changes nothing
        expect(await n("select count(*)::int as n from tickets")).toBe(ROWS);
        expect(await n("select count(*)::int as n from ticket_events")).toBe(ROWS);
        expect(await n("select count(distinct external_id)::int as n from tickets")).toBe(ROWS);
      } finally {
        await store.close();
      }
    }, 600_000);
  },
);
