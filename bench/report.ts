/**
 * The quarterly report for one vendor: 5 probes × 3 regions probing every 3 minutes for a quarter
 * (≈ 660k samples as minute rollups, plus hourly latency histograms) and 10,000 tickets, on an
 * embedded PGlite store. Times building the model, then rendering HTML (goal < 1 s) and PDF (< 3 s).
 * Run: npm run bench:report
 */

import { systemCtx } from "../src/context/index.js";
import { buildReport, renderReportHtml, renderReportPdf } from "../src/report/index.js";
import { seedQuarter } from "../src/report/quarter-fixture.js";
import { openTestPglite } from "../src/store/testing.js";

const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
let t = performance.now();
const store = await openTestPglite();
try {
  const plan = await seedQuarter(store.db, {
    probes: 5,
    regions: ["fra", "sg", "us"],
    tickets: 10_000,
    intervalMinutes: 3,
  });
  const rollups = await store.db
    .selectFrom("probe_rollups")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("resolution", "=", "minute")
    .executeTakeFirstOrThrow();
  console.log(`seeded ${rollups.n} minute rollups, ${plan.tickets.length} tickets in ${ms(t)}`);
  const ctx = systemCtx(store, plan.workspaceId, new Date("2027-01-10T00:00:00Z"));
  t = performance.now();
  const model = await buildReport({ ctx, input: { vendor: "Acme RTC", period: "2026-Q4", compare: false } });
  console.log(`model (one quarter, no comparison)   ${ms(t)}`);
  t = performance.now();
  await buildReport({ ctx, input: { vendor: "Acme RTC", period: "2026-Q4" } });
  console.log(`model with the previous quarter      ${ms(t)}`);
  for (const lang of ["zh", "en"] as const) {
    t = performance.now();
    const html = renderReportHtml(model, lang);
    console.log(`html ${lang}: ${ms(t)} (${(html.length / 1024).toFixed(0)} KiB)   goal < 1000 ms`);
  }
  for (let i = 0; i < 2; i++) {
    t = performance.now();
    const pdf = await renderReportPdf(model, "zh");
    console.log(
      `pdf zh${i ? " (font cached)" : " (first: reads the font)"}: ${ms(t)} (${(pdf.length / 1024).toFixed(0)} KiB)   goal < 3000 ms`,
    );
  }
} finally {
  await store.close();
}
