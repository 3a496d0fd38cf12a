import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, type Page, removeDir, step } from "./browser.js";
import { checkPage } from "./page-checks.js";
import { ensureWebBuild, ROOT, type RunningServer, startServer } from "./start-server.js";

const ADMIN = { name: "Rita Reports", email: "rita@example.com", password: "correct horse battery staple" };
const WORKSPACE = "Buyers";
const STEP = 180_000;
/** Strings the user typed: they stay as typed on a Chinese page. */
const DATA = [
  ADMIN.name,
  ADMIN.email,
  WORKSPACE,
  "Acme 2026",
  "Acme",
  "ASR outage fixed",
  "ASR outage",
  "DB upgrade",
];
/** A contract committing an RCA within 72 h (all four contents) and 72 h maintenance notice. */
const TERMS = `schema: termsight.terms/v1
vendor: Acme
product: RTC
source:
  document: acme.txt
  sha256: "0000000000000000000000000000000000000000000000000000000000000000"
effective:
  from: null
  to: null
commitments:
  availability: null
  credits: null
  support: null
  rca: { committed: true, deadline_hours: 72, contents: [cause, impact, timeline, prevention], evidence: [] }
  maintenance: { notice_hours: 72, window: null, excluded_from_availability: null, evidence: [] }
  upgrades: null
  data_exit: null
  exclusions: []
  scenario:
    peak_capacity: null
    emergency_scaling: null
    escalation_channel: null
    connect_time_ms: null
    monitoring_alerts: null
    proactive_alerts: null
    av_sync: null
    weak_network_tools: null
    troubleshooting_guides: null
    global_nodes: null
    local_teams: null
    timezone_coverage: null
  practice:
    incident_cases: null
    test_environment: null
    service_review: null
`;

/**
 * Last month in the browser's zone (Asia/Shanghai): the incident, notice and credit happen in it, so
 * the RCA is overdue today and the Credits page (the last six months) lists the month.
 */
const PREV = (() => {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth(); // 0-based: this month's index is last month's number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, "0")}`;
})();

const suite = hasChromium ? describe : describe.skip;

suite("Reports page and vendor records pages in Chromium, zh and en, 1280 and 390 px", () => {
  let server: RunningServer;
  let page: Page;
  let closeBrowser: () => Promise<void>;
  let vendorId = "";

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js")))
      throw new Error("dist/ is not built: run `npm run build`");
    ensureWebBuild();
    server = await startServer();
    const { browser, userDataDir } = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(30_000);
    closeBrowser = async () => {
      await browser.close();
      removeDir(userDataDir);
    };
  }, 300_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  }, 60_000);

  it("sets up an admin, a vendor and its contract (RCA within 72 h, 72 h maintenance notice)", {
    timeout: STEP,
  }, async () => {
    await step(page, "rep-setup", async () => {
      await page.goto(server.setupUrl);
      await page.getByLabel("姓名").fill(ADMIN.name);
      await page.getByLabel("邮箱").fill(ADMIN.email);
      await page.getByLabel("密码").fill(ADMIN.password);
      await page.getByLabel("第一个工作区的名称").fill(WORKSPACE);
      await page.getByRole("button", { name: "创建管理员" }).click();
      await page.getByText("管理员已创建").waitFor();
      await page.getByLabel("邮箱").fill(ADMIN.email);
      await page.getByLabel("密码").fill(ADMIN.password);
      await page.getByRole("button", { name: "登录" }).click();
      await page.getByRole("heading", { name: "供应商总览" }).waitFor();
      const made = await page.evaluate(async (yaml) => {
        const me = await (await fetch("/api/v1/me")).json();
        const ws = me.workspaces[0].id as string;
        const headers = { "content-type": "application/json", "x-csrf-token": me.csrf_token };
        const vendor = await (
          await fetch(`/api/v1/workspaces/${ws}/vendors`, {
            method: "POST",
            headers,
            body: JSON.stringify({ name: "Acme" }),
          })
        ).json();
        const contract = await fetch(`/api/v1/workspaces/${ws}/contracts`, {
          method: "POST",
          headers,
          body: JSON.stringify({ yaml, name: "Acme 2026", vendor_id: vendor.id }),
        });
        return { vendor: vendor.id as string, contract: contract.status, body: await contract.text() };
      }, TERMS);
      expect(made.contract, made.body).toBe(201);
      vendorId = made.vendor;
    });
  });

  it("records an incident, its late RCA report and a short maintenance notice; edits both", {
    timeout: STEP,
  }, async () => {
    await step(page, "rep-records", async () => {
      await page.goto(`${server.baseUrl}/vendors/${vendorId}`);
      await page.getByRole("link", { name: "故障、RCA 报告与维护通知" }).click();
      await page.getByRole("heading", { name: "Acme：故障与维护" }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/vendors/${vendorId}/records`);
      await page.getByText("该供应商还没有故障记录。").waitFor();

      await page.getByRole("button", { name: "记录故障" }).click();
      await page.getByLabel("发生了什么").fill("ASR outage");
      await page.getByLabel("严重级别").fill("P1");
      await page.getByLabel("开始时间").fill(`${PREV}-01T08:00`);
      await page.getByLabel("恢复时间").fill(`${PREV}-01T10:00`);
      await page.getByRole("button", { name: "保存" }).click();
      const incidents = page.getByTestId("incidents-table");
      const row = incidents.locator("tbody tr", { hasText: "ASR outage" });
      // resolved a month ago, 72 h committed, nothing received
      await expect(row.getByTestId("rca-verdict").textContent()).resolves.toContain("未提交");
      await expect(row.textContent()).resolves.toContain("2 小时");

      await page.getByRole("button", { name: "已收到 RCA ASR outage" }).click();
      await page.getByLabel("收到时间").fill(`${PREV}-06T10:00`);
      await page.getByLabel("根本原因").check();
      await page.getByLabel("影响范围").check();
      await page.getByRole("button", { name: "保存" }).click();
      const verdict = row.getByTestId("rca-verdict");
      await verdict.getByText("迟交 48 小时").waitFor();
      await expect(verdict.textContent()).resolves.toContain("缺少：时间线、预防措施");

      await page.getByRole("button", { name: "编辑 ASR outage" }).click();
      await expect(page.getByLabel("发生了什么").inputValue()).resolves.toBe("ASR outage");
      await page.getByLabel("发生了什么").fill("ASR outage fixed");
      await page.getByRole("button", { name: "保存" }).click();
      await incidents.getByRole("rowheader", { name: /ASR outage fixed/ }).waitFor();

      await page.getByRole("button", { name: "记录维护通知" }).click();
      await page.getByLabel("维护内容").fill("DB upgrade");
      await page.getByLabel("通知时间").fill(`${PREV}-10T08:00`);
      await page.getByLabel("窗口开始").fill(`${PREV}-11T00:00`);
      await page.getByLabel("窗口结束").fill(`${PREV}-11T02:00`);
      await page.getByRole("button", { name: "保存" }).click();
      const notice = page.getByTestId("notices-table").locator("tbody tr", { hasText: "DB upgrade" });
      await notice.getByText("通知过晚").waitFor();
      await expect(notice.textContent()).resolves.toContain("提前 16 小时，承诺 72 小时");

      await page.getByRole("button", { name: "编辑 DB upgrade" }).click();
      await page.getByLabel("通知时间").fill(`${PREV}-01T08:00`);
      await page.getByRole("button", { name: "保存" }).click();
      await notice.getByText("提前量足够").waitFor();
    });
  });

  it("records last month's credit claim and receipt on the Credits page", { timeout: STEP }, async () => {
    await step(page, "rep-credits", async () => {
      await page.goto(`${server.baseUrl}/credits`);
      await page.getByRole("heading", { name: "应得赔付" }).waitFor();
      await page.getByRole("button", { name: `记录 ${PREV}` }).click();
      await page.getByLabel("申请日期").fill("2026-12-02");
      await page.getByLabel("申请金额").fill("50");
      await page.getByLabel("编号（供应商工单号）").fill("CASE-7");
      await page.getByRole("button", { name: "保存申请" }).click();
      const row = page.locator("tbody tr", { hasText: `${PREV}` });
      await row.getByText("2026-12-02 已申请 · 50 · CASE-7").waitFor();
      await page.getByRole("button", { name: `记录 ${PREV}` }).click();
      await page.getByLabel("到账日期").fill("2026-12-04");
      await page.getByLabel("到账金额").fill("40");
      await page.getByRole("button", { name: "保存到账" }).click();
      await row.getByText("2026-12-04 已到账 · 40").waitFor();
    });
  });

  it("previews a month's report, downloads its PDF, keeps it and lists it", { timeout: STEP }, async () => {
    await step(page, "rep-reports", async () => {
      await page.goto(`${server.baseUrl}/reports`);
      await page.getByRole("heading", { name: "报告", exact: true }).waitFor();
      await page.getByLabel("供应商或合同").selectOption({ label: "Acme" });
      await page.getByLabel("周期", { exact: true }).selectOption({ label: "月" });
      await page.getByLabel("月份").fill(`${PREV}`);
      await page.getByRole("button", { name: "预览" }).click();
      const frame = page.locator("iframe.letter");
      await frame.waitFor();
      const html = (await frame.getAttribute("srcdoc")) ?? "";
      expect(html).toContain(`${PREV}`);
      expect(html).toContain("ASR outage fixed");
      // the credit recorded on the Credits page is in the report's credits table
      expect(html).toContain("2026-12-02 · 50 · CASE-7");

      const pdfHref = await page.getByRole("link", { name: "下载 PDF" }).getAttribute("href");
      expect(pdfHref).toMatch(new RegExp(`period=${PREV}&format=pdf&lang=zh$`));
      const pdf = await page.evaluate(async (href) => {
        const res = await fetch(href as string);
        const bytes = new Uint8Array(await res.arrayBuffer());
        return {
          status: res.status,
          type: res.headers.get("content-type"),
          head: String.fromCharCode(...bytes.slice(0, 5)),
        };
      }, pdfHref);
      expect(pdf).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });

      await page.getByRole("button", { name: "保存此报告" }).click();
      const stored = page.getByTestId("stored-reports");
      const kept = stored.locator("tbody tr", { hasText: `${PREV}` });
      await kept.getByText("手动").waitFor();
      const csv = await kept.getByRole("link", { name: `Acme ${PREV} CSV` }).getAttribute("href");
      const res = await page.evaluate(async (href) => (await fetch(href as string)).status, csv);
      expect(res).toBe(200);
    });
  });

  for (const lang of ["zh", "en"] as const)
    for (const width of [1280, 390])
      it(`the Reports and records pages in ${lang} at ${width} px: no overflow, no axe violation${lang === "zh" ? ", no English" : ""}`, {
        timeout: 300_000,
      }, async () => {
        await step(page, `rep-pages-${lang}-${width}`, async () => {
          await page.setViewportSize({ width, height: 900 });
          await page.evaluate((l) => localStorage.setItem("termsight.lang", l), lang);
          const pages = [
            { path: "/reports", zh: "报告", en: "Reports" },
            { path: "/credits", zh: "应得赔付", en: "Credits owed" },
            {
              path: `/vendors/${vendorId}/records`,
              zh: "Acme：故障与维护",
              en: "Acme: incidents and maintenance",
            },
          ];
          const problems: string[] = [];
          for (const p of pages) {
            await page.goto(`${server.baseUrl}${p.path}`);
            await page
              .getByRole("heading", { name: lang === "zh" ? p.zh : p.en, exact: true })
              .first()
              .waitFor();
            await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
            if (p.path === "/reports") {
              // the preview (an iframe) and the list must fit the width too
              await page.getByRole("button", { name: lang === "zh" ? "预览" : "Preview" }).click();
              await page.locator("iframe.letter").waitFor();
            }
            const r = await checkPage(page, { zh: lang === "zh", data: DATA });
            if (r.overflow > 0) problems.push(`${p.path}: ${r.overflow} px overflow`);
            for (const v of r.violations)
              problems.push(`${p.path}: axe ${v.id} (${v.impact}) at ${v.nodes.join(", ")}`);
            if (r.keys.length) problems.push(`${p.path}: catalogue keys shown: ${r.keys.join(", ")}`);
            if (r.english.length)
              problems.push(`${p.path}: English on a zh-CN page: ${r.english.join(", ")}`);
          }
          expect(problems).toEqual([]);
        });
      });
});
