// Watch benchmark: 1,000 watched documents and 200 status pages against a local fixture vendor site
// (a child process listening on 20 ports of 127.0.0.1, i.e. 20 "hosts", one request at a time each).
// Rounds: first fetch (every page a first version), unchanged refetch (ETag → 304), a round where
// 10 % of the pages weaken their SLA (new versions with commitment + text diffs), and a status round.
// Prints wall time, CPU (user+system, this process incl. its sandbox threads) and peak RSS per
// round, and the diff time per version. Run: npx tsx bench/watch.ts [--watches 1000] [--status 200]
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { systemCtx } from "../src/context/index.js";
import { parseAllowlist } from "../src/probes/index.js";
import { reviewDocument } from "../src/review/index.js";
import { newId } from "../src/store/index.js";
import { openTestPglite } from "../src/store/testing.js";
import {
  addStatusSource,
  diffCommitments,
  diffText,
  putWatch,
  runStatusRound,
  runWatchRound,
} from "../src/watch/index.js";
import { incidentsJson, maintenancesJson } from "../src/watch/status/__fixtures__/statuspage-fixtures.js";
import { SLA_V1, SLA_V2, slaHtml } from "../src/watch/testing/sla-pages.js";

const { values } = parseArgs({
  options: {
    watches: { type: "string", default: "1000" },
    status: { type: "string", default: "200" },
    hosts: { type: "string", default: "20" },
    "site-child": { type: "boolean", default: false },
  },
});
const HOSTS = Number(values.hosts);

if (values["site-child"]) await siteChild();
else await bench();

/** The fixture site: page i serves the weakened SLA once generation ≥ 2 and i % 10 = 0. */
async function siteChild() {
  let generation = 1;
  const pages = new Map<string, { etag: string; body: string }>();
  const page = (i: number) => {
    const weak = generation >= 2 && i % 10 === 0;
    const key = `${i}:${weak}`;
    let p = pages.get(key);
    if (!p) {
      const text = (weak ? SLA_V2 : SLA_V1).replace("Acme", `Vendor ${i}`);
      p = { etag: `"${weak ? "w" : "s"}${i}"`, body: slaHtml(text) };
      pages.set(key, p);
    }
    return p;
  };
  const incidents = incidentsJson(true);
  const ports: number[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const server = createServer((req, res) => {
      const url = req.url ?? "/";
      if (url.startsWith("/_generation/")) {
        generation = Number(url.split("/")[2]);
        res.end("ok");
        return;
      }
      const m = /^\/sla\/(\d+)$/.exec(url);
      if (m) {
        const p = page(Number(m[1]));
        if (req.headers["if-none-match"] === p.etag) res.writeHead(304, { etag: p.etag }).end();
        else res.writeHead(200, { "content-type": "text/html; charset=utf-8", etag: p.etag }).end(p.body);
        return;
      }
      if (url.endsWith("/api/v2/incidents.json"))
        return void res.writeHead(200, { "content-type": "application/json" }).end(incidents);
      if (url.endsWith("/api/v2/scheduled-maintenances.json"))
        return void res.writeHead(200, { "content-type": "application/json" }).end(maintenancesJson);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    ports.push((server.address() as AddressInfo).port);
  }
  process.stdout.write(`${JSON.stringify(ports)}\n`);
}

async function measure<T>(label: string, fn: () => Promise<T>): Promise<T> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${label.padEnd(34)} wall ${(wall / 1000).toFixed(1).padStart(6)} s  cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(6)} s  peak rss ${(peak / 2 ** 20).toFixed(0).padStart(5)} MiB  ${JSON.stringify(out)}`,
  );
  return out;
}

async function bench() {
  const watches = Number(values.watches);
  const statusPages = Number(values.status);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--site-child", "--hosts", String(HOSTS)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const ports: number[] = await new Promise((resolve) =>
    child.stdout.once("data", (d) => resolve(JSON.parse(String(d)))),
  );
  const origin = (i: number) => `http://127.0.0.1:${ports[i % ports.length]}`;
  const allow = parseAllowlist(["127.0.0.1"]);
  const store = await openTestPglite();
  try {
    const ws = newId();
    await store.db.insertInto("workspaces").values({ id: ws, name: "bench" }).execute();
    const vendors: string[] = [];
    for (let i = 0; i < 50; i++) {
      const id = newId();
      await store.db
        .insertInto("vendors")
        .values({ id, workspace_id: ws, name: `Vendor ${i}`, website: null, notes: null })
        .execute();
      vendors.push(id);
    }
    const t0 = new Date("2026-03-02T00:00:00Z");
    const ctx = systemCtx(store, ws, t0);
    for (let i = 0; i < watches; i++)
      await putWatch({
        ctx,
        input: {
          vendor_id: vendors[i % vendors.length],
          name: `sla-${i}`,
          url: `${origin(i)}/sla/${i}`,
          extract: { keep: ["article.sla"], remove: [".cookie"] },
          schedule: { every_hours: 12, jitter_minutes: 0 },
        },
      });
    for (let j = 0; j < statusPages; j++)
      await addStatusSource({
        ctx,
        input: {
          vendor_id: vendors[j % vendors.length],
          kind: "statuspage",
          url: `${origin(j)}/status/${j}`,
          component_map: { "Voice API": ["voice"] },
        },
      });
    console.log(
      `${watches} watched documents on ${HOSTS} hosts, ${statusPages} status pages; node ${process.version}`,
    );

    const at = (h: number) => new Date(t0.getTime() + h * 3_600_000);
    await measure("round 1: first versions", () => runWatchRound(store, at(1), { allow }));
    await measure("round 2: unchanged (304)", () => runWatchRound(store, at(14), { allow }));
    await fetch(`${origin(0)}/_generation/2`);
    await measure("round 3: 10 % weakened", () => runWatchRound(store, at(27), { allow }));
    await measure("status round (200 pages)", () => runStatusRound(store, at(27), { allow }));
    await measure("status round again (updates)", () => runStatusRound(store, at(28), { allow }));

    // diff time per version, apart from fetching and storing: review both texts, diff commitments and text
    const a = reviewDocument(
      { name: "a", text: SLA_V1, language: "en", sha256: "a" },
      { scenario: "general", lang: "en" },
    );
    const b = reviewDocument(
      { name: "b", text: SLA_V2, language: "en", sha256: "b" },
      { scenario: "general", lang: "en" },
    );
    const n = 2000;
    let s = performance.now();
    for (let i = 0; i < n; i++) diffCommitments(a, b);
    const commitmentUs = ((performance.now() - s) / n) * 1000;
    s = performance.now();
    for (let i = 0; i < n; i++) diffText(SLA_V1, SLA_V2, "sla");
    const textUs = ((performance.now() - s) / n) * 1000;
    s = performance.now();
    for (let i = 0; i < 200; i++)
      reviewDocument(
        { name: "b", text: SLA_V2, language: "en", sha256: "b" },
        { scenario: "general", lang: "en" },
      );
    const reviewMs = (performance.now() - s) / 200;
    const versions = await store.db
      .selectFrom("watch_versions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const events = await store.db
      .selectFrom("watch_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    console.log(`versions stored ${versions.n}, alert events ${events.n}`);
    console.log(
      `diff per version: commitments ${commitmentUs.toFixed(1)} µs, text ${textUs.toFixed(1)} µs (review of the new text ${reviewMs.toFixed(2)} ms, ${SLA_V2.length} chars)`,
    );
  } finally {
    await store.close();
    child.kill("SIGTERM");
  }
}
