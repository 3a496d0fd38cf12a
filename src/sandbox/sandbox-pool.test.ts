import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { tinyDocx } from "../ingest/__fixtures__/tiny-docx.js";
import { tinyPdf } from "../ingest/__fixtures__/tiny-pdf.js";
import { Sandbox, SandboxBusyError } from "./sandbox-pool.js";
import { workerFiles } from "./worker-files.js";

const enc = (s: string) => new TextEncoder().encode(s);
const pools: Sandbox[] = [];
function sandbox(opts: ConstructorParameters<typeof Sandbox>[0] = {}): Sandbox {
  const pool = new Sandbox(opts);
  pools.push(pool);
  return pool;
}
afterAll(() => Promise.all(pools.map((p) => p.close())));

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

describe("Sandbox", () => {
  it("ingests and reviews on a worker thread; input errors keep their source and reason", async () => {
    const pool = sandbox({ threads: 1 });
    const doc = await pool.ingest(enc("Support responds within one hour, 24x7."), { name: "sla.txt" });
    expect(doc).toMatchObject({ name: "sla.txt", format: "txt", language: "en" });
    const review = await pool.review(doc, { scenario: "general" });
    expect(review.document.name).toBe("sla.txt");
    const err = await failure(pool.ingest(new Uint8Array(0), { name: "empty.txt" }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).source).toBe("empty.txt");
  });

  it("kills a read that overruns its time and answers the next one on a new worker", async () => {
    const pool = sandbox({ threads: 1 });
    await pool.ingest(enc("warm"), { name: "warm.txt" });
    // 3,000 pages of one page take seconds to lay out (the page limit is lifted for the test)
    const slow = tinyPdf("Uptime 99.9%", 3_000);
    const err = await failure(
      pool.ingest(slow, { name: "slow.pdf", limits: { pdfPages: 1e6 }, timeoutMs: 300 }),
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).reason).toMatch(/took longer than 0.3 s/);
    const doc = await pool.ingest(enc("still here"), { name: "after.txt" });
    expect(doc.text).toBe("still here");
  });

  it("kills a read that passes its heap limit (a DOCX of 150,000 paragraphs in 48 MB)", async () => {
    const pool = sandbox({ threads: 1, memoryMb: 48 });
    await pool.ingest(enc("warm"), { name: "warm.txt" });
    const err = await failure(pool.ingest(tinyDocx(150_000), { name: "paragraphs.docx" }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).reason).toMatch(/needs more than 48 MB/);
  });

  it("refuses work beyond its queue instead of queueing without bound", async () => {
    const pool = sandbox({ threads: 1, maxQueue: 1 });
    await pool.ingest(enc("warm"), { name: "warm.txt" });
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => failure(pool.ingest(enc(`doc ${i}`), { name: `${i}.txt` }))),
    );
    expect(results.filter((r) => r instanceof SandboxBusyError).length).toBeGreaterThan(0);
    expect(results.filter((r) => r === null).length).toBeGreaterThan(0);
  });
});

describe("workerFiles", () => {
  const all = () => true;
  it("loads the compiled task module beside a compiled pool (dist/)", () => {
    const files = workerFiles("file:///app/dist/sandbox/sandbox-pool.js", all);
    expect(files.bootstrap).toBe("/app/dist/sandbox/sandbox-worker.mjs");
    expect(files.tasksUrl).toBe("file:///app/dist/sandbox/sandbox-tasks.js");
  });
  it("loads the TypeScript task module beside the source (vitest, tsx)", () => {
    const files = workerFiles("file:///app/src/sandbox/sandbox-pool.ts", all);
    expect(files.bootstrap).toBe("/app/src/sandbox/sandbox-worker.mjs");
    expect(files.tasksUrl).toBe("file:///app/src/sandbox/sandbox-tasks.ts");
  });
  it("says the build is missing when the worker script is not there", () => {
    expect(() => workerFiles("file:///app/dist/sandbox/sandbox-pool.js", () => false)).toThrow(
      /npm run build/,
    );
  });
});
