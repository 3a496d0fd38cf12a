/**
 * npm run bench:web  (tsx bench/web.ts [--runs 5])
 * Budgets of the web UI: first load of the start page and of the tickets page on localhost
 * (navigation start → load event, and → first meaningful content), cold cache each run, in
 * Debian's Chromium via playwright-core, with 50 vendors and 10,000 tickets in the workspace
 * (imported through the API as a user would); and the gzip size of the JS in dist/web (initial and
 * total). Targets: < 1.5 s, initial < 150 KB and total < 400 KB gzip.
 * Needs `npm run build` (dist/ and dist/web) and /usr/bin/chromium.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { hasChromium, launchChromium, removeDir } from "../test/web/browser.js";
import { ROOT, startServer } from "../test/web/start-server.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const RUNS = Math.max(1, Number(values.runs));
const LOAD_BUDGET_MS = 1500;
const JS_BUDGET_KB = 400;
const INITIAL_BUDGET_KB = 150;
const VENDORS = 50;
const TICKETS = 10_000;

function bundleSizes(): { initialKb: number; totalKb: number } {
  const webRoot = join(ROOT, "dist/web");
  const html = readFileSync(join(webRoot, "index.html"), "utf8");
  const assets = join(webRoot, "assets");
  let initial = 0;
  let total = 0;
  for (const file of readdirSync(assets).filter((f) => f.endsWith(".js"))) {
    const gz = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
    total += gz;
    if (html.includes(`assets/${file}`)) initial += gz;
  }
  return { initialKb: initial / 1024, totalKb: total / 1024 };
}

/** 50 vendors and 10,000 tickets (one CSV import, committed in batches), through the API. */
async function seedVolume(page: import("playwright-core").Page): Promise<void> {
  const started = Date.now();
  const result = await page.evaluate(
    async ({ vendors, tickets }) => {
      const me = await (await fetch("/api/v1/me")).json();
      const ws = me.workspaces[0].id as string;
      const headers = { "content-type": "application/json", "x-csrf-token": me.csrf_token };
      const ids: string[] = [];
      for (let i = 0; i < vendors; i++) {
        const r = await fetch(`/api/v1/workspaces/${ws}/vendors`, {
          method: "POST",
          headers,
          body: JSON.stringify({ name: `Vendor ${String(i + 1).padStart(2, "0")}` }),
        });
        ids.push((await r.json()).id);
      }
      const lines = ["external_id,created_at,severity,subject"];
      const base = Date.parse("2026-11-01T00:00:00Z");
      for (let i = 0; i < tickets; i++)
        lines.push(`B-${i},${new Date(base + i * 240_000).toISOString()},P${(i % 3) + 1},Bench ticket ${i}`);
      // one import per vendor, so every vendor has tickets
      const per = Math.ceil(tickets / vendors);
      for (let v = 0; v < vendors; v++) {
        const rows = lines.slice(1 + v * per, 1 + (v + 1) * per);
        const form = new FormData();
        form.append("vendor_id", ids[v]);
        form.append("file", new Blob([[lines[0], ...rows].join("\n")], { type: "text/csv" }), "bench.csv");
        const r = await fetch(`/api/v1/workspaces/${ws}/tickets/import`, {
          method: "POST",
          headers: { "x-csrf-token": me.csrf_token },
          body: form,
        });
        if (!r.ok) return `import failed: ${r.status} ${await r.text()}`;
      }
      const count = await (await fetch(`/api/v1/workspaces/${ws}/tickets?limit=1`)).json();
      return `ok ${count.items.length}`;
    },
    { vendors: VENDORS, tickets: TICKETS },
  );
  if (!result.startsWith("ok")) throw new Error(result);
  console.log(
    `seeded ${VENDORS} vendors and ${TICKETS} tickets in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const sizes = bundleSizes();
  console.log(
    `js bundle gzip: initial ${sizes.initialKb.toFixed(1)} KB (budget ${INITIAL_BUDGET_KB} KB) ${sizes.initialKb < INITIAL_BUDGET_KB ? "ok" : "OVER"}, total ${sizes.totalKb.toFixed(1)} KB (budget ${JS_BUDGET_KB} KB) ${sizes.totalKb < JS_BUDGET_KB ? "ok" : "OVER"}`,
  );
  if (!hasChromium) {
    console.log("first load: skipped (/usr/bin/chromium missing)");
    return;
  }
  const server = await startServer();
  const { browser, userDataDir } = await launchChromium();
  try {
    // An admin and one reviewed document, through the API as a user would.
    const setupToken = new URL(server.setupUrl).searchParams.get("token");
    const admin = { email: "bench@example.com", password: "bench password 123", name: "Bench" };
    const res = await fetch(`${server.baseUrl}/api/v1/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: setupToken, ...admin }),
    });
    if (!res.ok) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.baseUrl}/login`);
    await page.fill("#login-email", admin.email);
    await page.fill("#login-password", admin.password);
    await page.click("button[type=submit]");
    await page.waitForSelector(".home-view h1");
    await seedVolume(page);
    const cdp = await browser.newCDPSession(page);
    await cdp.send("Network.enable");

    /** Cold-cache loads of a URL: navigation → load event, and → the selector that means "content is there". */
    async function measure(label: string, url: string, content: string): Promise<void> {
      const load: number[] = [];
      const meaningful: number[] = [];
      for (let i = 0; i < RUNS + 1; i++) {
        await cdp.send("Network.clearBrowserCache");
        await page.goto(url, { waitUntil: "load" });
        await page.waitForSelector(content);
        const t = await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          return { load: nav.loadEventEnd || nav.loadEventStart, meaningful: performance.now() };
        });
        if (i === 0) continue; // warm-up: server JIT and the first PGlite queries
        load.push(t.load);
        meaningful.push(t.meaningful);
      }
      const m = median(meaningful);
      console.log(
        `${label}: navigation → load event median ${median(load).toFixed(0)} ms; → first meaningful content median ${m.toFixed(0)} ms (min ${Math.min(...meaningful).toFixed(0)}, max ${Math.max(...meaningful).toFixed(0)}; ${RUNS} cold-cache runs; budget ${LOAD_BUDGET_MS} ms) ${m < LOAD_BUDGET_MS ? "ok" : "OVER"}`,
      );
    }

    // 0. The start page and the tickets page with 50 vendors and 10k tickets.
    await measure("start page (50 vendors, 10k tickets)", `${server.baseUrl}/`, ".vendor-card h2 a");
    await measure(
      "tickets page (50 vendors, 10k tickets)",
      `${server.baseUrl}/tickets`,
      ".tickets-view table tbody tr",
    );
    // 1. The review view itself: upload box and document list (or its empty state).
    await measure("review view", `${server.baseUrl}/review`, ".review-view .empty, .review-view #doc-pick");
    // 2. A stored Chinese PDF's review by link: the document with highlighted evidence and the findings.
    const pdf = [...readFileSync(join(ROOT, "examples/yunchuan-rtc-sla-zh.pdf"))];
    const documentId = await page.evaluate(async (bytes) => {
      const me = await (await fetch("/api/v1/me")).json();
      const form = new FormData();
      form.append(
        "file",
        new Blob([new Uint8Array(bytes)], { type: "application/pdf" }),
        "yunchuan-rtc-sla-zh.pdf",
      );
      const res = await fetch(`/api/v1/workspaces/${me.workspaces[0].id}/documents`, {
        method: "POST",
        headers: { "x-csrf-token": me.csrf_token },
        body: form,
      });
      return (await res.json()).document.id as string;
    }, pdf);
    await measure(
      "review of a stored PDF (?document=)",
      `${server.baseUrl}/review?document=${documentId}`,
      ".findings-pane .finding",
    );
  } finally {
    await browser.close();
    removeDir(userDataDir);
    await server.stop();
  }
}

await main();
