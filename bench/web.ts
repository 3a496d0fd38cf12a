/**
 * npm run bench:web  (tsx bench/web.ts [--runs 5])
 * Budgets of the web UI: first load of the review view on localhost (navigation start → load
 * event, and → first meaningful content: the review heading and the document list rendered),
 * cold cache each run, in Debian's Chromium via playwright-core; and the gzip size of the JS in
 * dist/web (initial and total). Targets: < 1.5 s and < 400 KB gzip.
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const sizes = bundleSizes();
  console.log(
    `js bundle gzip: initial ${sizes.initialKb.toFixed(1)} KB, total ${sizes.totalKb.toFixed(1)} KB (budget ${JS_BUDGET_KB} KB) ${sizes.totalKb < JS_BUDGET_KB ? "ok" : "OVER"}`,
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
    await page.waitForSelector(".review-view h1");
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
