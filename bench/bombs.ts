/**
 * npm run bench:bombs  (tsx bench/bombs.ts [--only NAME] [--gets-ms 50])
 * The hostile inputs of the hardening issue (19) against a real server: a child process runs
 * `buildServer` over PGlite (on its thread, as `termsight serve`) in a temp folder on 127.0.0.1,
 * and for each input this process prints the time to the answer (status), the child's peak RSS
 * (sampled from /proc every 10 ms, and VmHWM reset before each input) and p99 of GET vendors
 * requests sent one after another while the hostile request runs.
 * Goals: refusal < 5 s, peak RSS < 512 MB, concurrent GET p99 < 200 ms. `--dist` runs the server
 * from dist/ (after `npm run build`), as `termsight serve` runs: no TypeScript loader in the workers.
 */
import { fork } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { strToU8, unzipSync, Zip, ZipDeflate } from "fflate";
import { tinyDocx } from "../src/ingest/__fixtures__/tiny-docx.js";
import { tinyPdf } from "../src/ingest/__fixtures__/tiny-pdf.js";

const { values } = parseArgs({
  options: {
    server: { type: "boolean", default: false },
    only: { type: "string", default: "" },
    /** Run the server from dist/ (npm run build) as `termsight serve` does: workers load compiled JS. */
    dist: { type: "boolean", default: false },
  },
});

if (values.server) await runServer();
else await runBench();

/** The child: a server with one user, workspace, API token and a setup token (so /import reads its body). */
async function runServer(): Promise<void> {
  const root = values.dist ? "../dist" : "../src";
  const { buildServer, createUser, createWorkspace, issueApiToken, issueSetupToken } = (await import(
    `${root}/server/index.js`
  )) as typeof import("../src/server/index.js");
  const { openTestPgliteThread } = (await import(
    `${root}/store/testing.js`
  )) as typeof import("../src/store/testing.js");
  const store = await openTestPgliteThread();
  const setupToken = await issueSetupToken(store);
  const user = await createUser(store.db, {
    email: "b@acme.test",
    name: "B",
    password: "correct horse battery",
  });
  const ws = await createWorkspace(store.db, { name: "Bench", adminId: user.id });
  await store.db
    .insertInto("vendors")
    .values({ id: "v1", workspace_id: ws.id, name: "Vendor", website: null, notes: null })
    .execute();
  const { token } = await issueApiToken(store.db, {
    workspaceId: ws.id,
    userId: user.id,
    name: "bench",
    scopes: ["read", "write"],
  });
  const app = await buildServer({ store, webRoot: null });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.send?.({ port, token, ws: ws.id, setupToken });
  process.on("message", async (m) => {
    if (m !== "close") return;
    await app.close();
    await store.close();
    process.exit(0);
  });
}

interface Target {
  port: number;
  token: string;
  ws: string;
  setupToken: string;
}

interface Hostile {
  name: string;
  /** Builds the input (not timed) and returns the timed request, which resolves with the status. */
  prepare: () => () => Promise<number | string>;
}

async function runBench(): Promise<void> {
  const child = fork(new URL(import.meta.url).pathname, ["--server", ...(values.dist ? ["--dist"] : [])], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const target = await new Promise<Target>((resolve, reject) => {
    child.once("message", (m) => resolve(m as Target));
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
  const pid = child.pid as number;
  const base = `http://127.0.0.1:${target.port}`;
  const auth = { authorization: `Bearer ${target.token}` };
  /** Builds the file (not timed), then returns the timed upload. */
  const upload = (name: string, make: () => Uint8Array) => () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(make())]), name);
    return async () => {
      const res = await fetch(`${base}/api/v1/workspaces/${target.ws}/documents`, {
        method: "POST",
        headers: auth,
        body: form,
      });
      const detail = ((await res.json()) as { detail?: string }).detail;
      if (detail) console.error(`  ${name}: ${detail}`);
      return res.status;
    };
  };

  const hostile: Hostile[] = [
    {
      name: "idle (1 s, no request)",
      prepare: () => () => new Promise<string>((r) => setTimeout(() => r("-"), 1000)),
    },
    {
      name: "warm-up: small text upload",
      prepare: upload("warm.txt", () => strToU8("Support responds within one hour.")),
    },
    {
      name: "PDF claiming 300,000 pages (1.8 MB)",
      prepare: upload("pages.pdf", () => tinyPdf("Uptime 99.9%", 300_000)),
    },
    {
      name: "DOCX of 80 MB tiny paragraphs",
      prepare: upload("paragraphs.docx", () => tinyDocx(2_400_000, "a")),
    },
    {
      name: "DOCX of 60 MB tiny paragraphs (under the size limit)",
      prepare: upload("paragraphs-60.docx", () => tinyDocx(1_800_000, "a")),
    },
    { name: "DOCX expanding to 1 GiB", prepare: upload("expand.docx", () => docxExpandingTo(1024 ** 3)) },
    {
      name: "HTML of 10 MB unclosed <b>",
      prepare: upload("unclosed.html", () => strToU8("<b>x".repeat(2_500_000))),
    },
    {
      name: "45 MB text",
      prepare: upload("long.txt", () =>
        strToU8("Support responds to P1 incidents within one hour. ".repeat(900_000)),
      ),
    },
    {
      name: "archive import with an unlisted 1.5 GB entry",
      prepare: () => {
        const body = new Uint8Array(archiveBomb(1.5 * 1024 ** 3));
        return async () => {
          const res = await fetch(`${base}/api/v1/import`, {
            method: "POST",
            headers: { "content-type": "application/zip", "x-setup-token": target.setupToken },
            body,
          });
          console.error(`  archive: ${((await res.json()) as { detail?: string }).detail}`);
          return res.status;
        };
      },
    },
    {
      name: "1 GB anonymous body to /api/v1/import, streamed",
      prepare: () => () => streamBody(target.port, 1024 ** 3),
    },
  ].filter((h) => h.name.includes(values.only) || h.name.startsWith("warm-up") || h.name.startsWith("idle"));

  console.log("input | status | answer (s) | server peak RSS (MB) | GETs | GET p99 (ms) | GET max (ms)");
  console.log("---|---|---|---|---|---|---");
  for (const h of hostile) {
    const send = h.prepare();
    writeFileSync(`/proc/${pid}/clear_refs`, "5"); // resets VmHWM
    let peak = rssMb(pid, "VmRSS");
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(pid, "VmRSS"));
    }, 10);
    const gets = startGets(`${base}/api/v1/workspaces/${target.ws}/vendors`, auth);
    const t0 = performance.now();
    let status: number | string;
    try {
      status = await send();
    } catch (err) {
      status = `error: ${(err as Error).message}`;
    }
    const seconds = (performance.now() - t0) / 1000;
    const latencies = await gets.stop();
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(pid, "VmHWM"));
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
    console.log(
      `${h.name} | ${status} | ${seconds.toFixed(2)} | ${peak.toFixed(0)} | ${latencies.length} | ${p99.toFixed(0)} | ${(latencies.at(-1) ?? 0).toFixed(0)}`,
    );
  }
  child.send("close");
  await new Promise((resolve) => child.once("exit", resolve));
}

/**
 * GET requests one after another on a worker thread (its own event loop: building and sending the
 * hostile body here must not delay them), until stopped or 20,000 requests; resolves the latencies.
 */
function startGets(url: string, headers: Record<string, string>): { stop: () => Promise<number[]> } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData, parentPort } = require("node:worker_threads");
    const { url, headers, flag } = workerData;
    (async () => {
      const latencies = [];
      for (let i = 0; i < 20000 && Atomics.load(flag, 0) === 0; i++) {
        const t0 = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
      }
      parentPort.postMessage(latencies);
    })();`,
    { eval: true, workerData: { url, headers, flag } },
  );
  const done = new Promise<number[]>((resolve) => worker.once("message", resolve));
  return {
    stop: async () => {
      Atomics.store(flag, 0, 1);
      const latencies = await done;
      await worker.terminate();
      return latencies;
    },
  };
}

function rssMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** A zip of `files` plus one entry of `bytes` spaces, streamed through the deflater 1 MB at a time. */
function zipWithBigEntry(
  files: Record<string, Uint8Array>,
  entry: string,
  bytes: number,
  wrap = ["", ""],
): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, data] of Object.entries(files)) {
    const f = new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(data, true);
  }
  const big = new ZipDeflate(entry, { level: 6 });
  zip.add(big);
  const space = new Uint8Array(1024 * 1024).fill(0x20);
  big.push(strToU8(wrap[0]));
  for (let left = bytes; left > 0; left -= space.length)
    big.push(space.subarray(0, Math.min(left, space.length)));
  big.push(strToU8(wrap[1]), true);
  zip.end();
  return Buffer.concat(chunks);
}

/** A DOCX whose document.xml is `bytes` of spaces inside one run (about 1 MB zipped per GiB). */
function docxExpandingTo(bytes: number): Uint8Array {
  const parts = unzipSync(tinyDocx(1));
  delete parts["word/document.xml"];
  return zipWithBigEntry(parts, "word/document.xml", bytes, [
    '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
    "</w:t></w:r></w:p></w:body></w:document>",
  ]);
}

function archiveBomb(bytes: number): Uint8Array {
  const manifest = {
    schema: "termsight.export/v1",
    generated_at: new Date().toISOString(),
    generator: "bench",
    migrations: [],
    tables: [],
    counts: {},
    files: {},
  };
  return zipWithBigEntry({ "manifest.json": strToU8(JSON.stringify(manifest)) }, "extra/zeros.bin", bytes);
}

/** Streams `bytes` of zeros as an anonymous application/zip body; resolves with the status (or how it ended). */
function streamBody(port: number, bytes: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/v1/import",
      headers: { "content-type": "application/zip", "content-length": String(bytes) },
    });
    let done = false;
    const finish = (v: number | string) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve(v);
    };
    req.on("response", (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
    });
    req.on("error", (err) => finish(`closed (${(err as NodeJS.ErrnoException).code ?? err.message})`));
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const write = () => {
      while (!done && sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", write);
          return;
        }
      }
      if (!done) req.end();
    };
    write();
  });
}
