import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, type Page, removeDir, step } from "./browser.js";
import { checkPage } from "./page-checks.js";
import { ensureWebBuild, ROOT, type RunningServer, startServer } from "./start-server.js";

const ADMIN = { name: "Rita Reviewer", email: "rita@example.com", password: "correct horse battery staple" };
const WORKSPACE = "Buyers";
const STEP = 180_000;
/** Terms written for this test: one vague rule matched three times, a few commitments, much left unsaid. */
const TERMS = [
  "Orbit Voice Service Terms",
  "Availability: 99.9% per calendar month.",
  "P1 incidents: response within 15 minutes, 24x7.",
  "Support uses commercially reasonable efforts to restore service.",
  "The vendor will make commercially reasonable efforts to answer.",
  "Credits: 10% of the monthly fee if availability falls below 99.9%.",
  "Maintenance is announced with commercially reasonable efforts.",
].join("\n");
const POLICY =
  "sla_policy:\n  name: orbit support\n  severities:\n    S1: { first_response: { minutes: 30 } }\n    S2: { first_response: { minutes: 240 } }\n";
/**
 * What the user typed or uploaded: it stays as written on a Chinese page. The review's Chinese
 * wording keeps a few industry abbreviations (IM, TAM, SDK, AI) as Chinese buyers write them.
 */
const DATA = [
  ADMIN.name,
  ADMIN.email,
  WORKSPACE,
  "Orbit",
  "orbit support",
  "Calls drop",
  "IM",
  "TAM",
  "SDK",
  "AI",
  ...TERMS.split("\n"),
];
/** Longest first: a short name must not cut a longer line of the user's text before it is matched. */
const byLength = (list: string[]) => [...new Set(list)].sort((a, b) => b.length - a.length);

const suite = hasChromium ? describe : describe.skip;

async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: CodeMirror's internal tile pointer
    const content = document.querySelector(".cm-content") as any;
    return content?.cmTile?.root?.view?.state.doc.toString() ?? "";
  });
}

suite("review page, contract history and policy severities in Chromium", () => {
  let server: RunningServer;
  let page: Page;
  let closeBrowser: () => Promise<void>;
  let file: string;
  let documentId = "";
  let contractId = "";
  let ticketId = "";
  let contractYaml = "";

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js")))
      throw new Error("dist/ is not built: run `npm run build`");
    ensureWebBuild();
    server = await startServer();
    const { browser, userDataDir } = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(30_000);
    const tmp = mkdtempSync(join(tmpdir(), "ts-web-review-"));
    file = join(tmp, "orbit-terms.txt");
    writeFileSync(file, `${TERMS}\n`);
    closeBrowser = async () => {
      await browser.close();
      removeDir(userDataDir);
      removeDir(tmp);
    };
  }, 300_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  }, 60_000);

  const vendorCount = () =>
    page.evaluate(async () => {
      const me = await (await fetch("/api/v1/me")).json();
      const list = await (await fetch(`/api/v1/workspaces/${me.workspaces[0].id}/vendors`)).json();
      return list.items.length as number;
    });

  it("sets up and opens Review", { timeout: STEP }, async () => {
    await step(page, "rv-setup", async () => {
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
      await page.goto(`${server.baseUrl}/review`);
      await page.getByRole("heading", { name: "条款审阅" }).waitFor();
    });
  });

  it("a typed vendor name is not created by itself; the upload asks to pick or create it", {
    timeout: STEP,
  }, async () => {
    await step(page, "rv-typo", async () => {
      await page.getByLabel("供应商（可选）").fill("Orbt");
      await page.getByRole("option", { name: "新建供应商“Orbt”" }).waitFor();
      await page.getByLabel("选择文件").setInputFiles(file);
      await page.getByText("请先从供应商列表中选择“Orbt”").waitFor();
      expect(await vendorCount()).toBe(0);
    });
  });

  it("creates the vendor explicitly, uploads, and shows the summary with score, topics and commitments", {
    timeout: STEP,
  }, async () => {
    await step(page, "rv-upload", async () => {
      await page.getByLabel("供应商（可选）").fill("Orbit");
      await page.getByRole("option", { name: "新建供应商“Orbit”" }).click();
      await page.getByText("已新建供应商“Orbit”。").waitFor();
      expect(await vendorCount()).toBe(1);
      await page.getByLabel("选择文件").setInputFiles(file);
      const summary = page.getByTestId("review-summary");
      await summary.waitFor();
      documentId = new URL(page.url()).searchParams.get("document") ?? "";
      expect(documentId).not.toBe("");
      await expect(summary.locator(".big-score").textContent()).resolves.toMatch(/\d+ \/ 100$/);
      expect(await summary.locator(".topic-bars li").count()).toBeGreaterThan(3);
      const table = page.getByTestId("commitments");
      const target = table.locator("tr", { hasText: "可用性目标" });
      await expect(target.locator("td").first().textContent()).resolves.toBe("99.9%");
      expect(await table.getByText("未写明").count()).toBeGreaterThan(5);
      // the evidence link scrolls to and flashes the place the document says it
      await target.getByRole("button", { name: "在文档中查看第 2 行" }).click();
      await page.waitForFunction(() => {
        const el = document.activeElement as HTMLElement | null;
        return !!el?.closest("[data-testid=document-text]") && !!el.textContent?.includes("99.9%");
      });
    });
  });

  it("shows one card per rule with every place it matched, and a highlight leads to its finding and back", {
    timeout: STEP,
  }, async () => {
    await step(page, "rv-findings", async () => {
      const cards = page.locator('.findings-pane li[data-finding="vague.commercially_reasonable"]');
      expect(await cards.count()).toBe(1);
      await expect(cards.textContent()).resolves.toContain("3 处");
      expect(await cards.locator("button.span-jump").count()).toBe(3);
      const mark = page
        .locator("[data-testid=document-text] mark", { hasText: "commercially reasonable efforts" })
        .last();
      await mark.click();
      await page.waitForFunction(
        () =>
          (document.activeElement as HTMLElement | null)?.dataset.finding === "vague.commercially_reasonable",
      );
      // and back: the card's third place focuses the last highlight
      await cards.locator("button.span-jump").nth(2).click();
      await page.waitForFunction(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.tagName === "MARK" && el.textContent?.includes("commercially reasonable efforts");
      });
      const focusedLine = await page.evaluate(() => {
        const marks = [...document.querySelectorAll("[data-testid=document-text] mark")];
        return marks.indexOf(document.activeElement as Element);
      });
      expect(focusedLine).toBeGreaterThanOrEqual(0);
    });
  });

  it("a second upload of the same file says it was already uploaded and opens it", {
    timeout: STEP,
  }, async () => {
    await step(page, "rv-duplicate", async () => {
      await page.getByLabel("选择文件").setInputFiles(file);
      const note = page.getByTestId("duplicate-upload");
      await expect(note.textContent()).resolves.toMatch(/已于 .+ 上传为“orbit-terms\.txt”，已为你打开。/);
      expect(new URL(page.url()).searchParams.get("document")).toBe(documentId);
      const docs = await page.evaluate(async () => {
        const me = await (await fetch("/api/v1/me")).json();
        const list = await (await fetch(`/api/v1/workspaces/${me.workspaces[0].id}/documents`)).json();
        return list.items.length as number;
      });
      expect(docs).toBe(1);
    });
  });

  it("saves a contract twice and shows the version history with the diff", { timeout: STEP }, async () => {
    await step(page, "rv-contract", async () => {
      await page.goto(`${server.baseUrl}/contracts`);
      await page.getByLabel("从以下文档的审阅生成").selectOption({ label: "orbit-terms.txt" });
      const editor = page.getByLabel("条款 YAML");
      await editor.waitFor();
      await page.getByText("根据审阅生成的草稿").waitFor();
      const draft = await editorText(page);
      contractYaml = `${draft.trimEnd()}\n${POLICY}`;
      await editor.fill(contractYaml);
      await page.getByRole("button", { name: "保存" }).click();
      await page.getByText("已保存。").waitFor();
      const history = page.getByTestId("contract-history");
      await history.locator(".versions li").first().waitFor();
      expect(await history.locator(".versions li").count()).toBe(1);
      const edited = contractYaml.replace(
        "S2: { first_response: { minutes: 240 } }",
        "S2: { first_response: { minutes: 120 } }",
      );
      expect(edited).not.toBe(contractYaml);
      await editor.fill(edited);
      await page.getByRole("button", { name: "保存" }).click();
      await page.waitForFunction(
        () => document.querySelectorAll("[data-testid=contract-history] .versions li").length === 2,
      );
      await expect(history.locator(".versions li").first().textContent()).resolves.toContain("v2");
      await expect(page.getByTestId("diff-summary").textContent()).resolves.toBe("新增 1 行，删除 1 行");
      const diff = page.getByTestId("contract-diff");
      await expect(diff.locator("tr.added code").textContent()).resolves.toContain("minutes: 120");
      await expect(diff.locator("tr.removed code").textContent()).resolves.toContain("minutes: 240");
      // the older pair: v1 against itself has no change
      await page.getByLabel("与版本").selectOption("1");
      await page.getByText("这两个版本没有改动。").waitFor();
      contractId = await page.evaluate(async () => {
        const me = await (await fetch("/api/v1/me")).json();
        const list = await (await fetch(`/api/v1/workspaces/${me.workspaces[0].id}/contracts`)).json();
        return list.items[0].id as string;
      });
    });
  });

  it("a new ticket's severity is chosen from the policy; the ticket names its contract and calendars", {
    timeout: STEP,
  }, async () => {
    await step(page, "rv-ticket", async () => {
      await page.goto(`${server.baseUrl}/tickets`);
      await page.getByLabel("标题").fill("Calls drop");
      await page.getByLabel("供应商（可选）").selectOption({ label: "Orbit" });
      const severity = page.getByLabel("级别", { exact: true });
      await page.waitForFunction(() => document.querySelector("select#ticket-severity") !== null);
      const options = await severity.locator("option").allTextContents();
      expect(options).toEqual(["S1", "S2"]);
      await expect(page.getByTestId("ticket-severity-hint").textContent()).resolves.toContain("SLA 策略");
      await severity.selectOption("S2");
      await page.getByRole("button", { name: "新建工单" }).click();
      const policy = page.getByTestId("ticket-policy");
      await policy.getByRole("link").waitFor();
      ticketId = new URL(page.url()).pathname.split("/").pop() ?? "";
      await expect(page.getByTestId("ticket-calendars").textContent()).resolves.toContain("工作日历");
      await policy.getByRole("link").click();
      await page.getByTestId("contract-history").waitFor();
      expect(new URL(page.url()).searchParams.get("contract")).toBe(contractId);
    });
  });

  const pages = () => [
    { path: `/review?document=${documentId}`, zh: "条款审阅", en: "Review terms", ready: "review-summary" },
    { path: `/contracts?contract=${contractId}`, zh: "合同", en: "Contracts", ready: "contract-history" },
    { path: `/tickets/${ticketId}`, zh: "工单", en: "Tickets", ready: "ticket-policy" },
    { path: "/tickets/import", zh: "导入工单", en: "Import tickets", ready: null },
    { path: "/compare", zh: "供应商对比", en: "Compare vendors", ready: null },
    { path: "/credits", zh: "应得赔付", en: "Credits owed", ready: null },
  ];
  for (const lang of ["zh", "en"] as const)
    for (const width of [1280, 390])
      it(`review, contracts, tickets, compare and credits in ${lang} at ${width} px: no overflow, no axe violation${lang === "zh" ? ", no English" : ""}`, {
        timeout: 300_000,
      }, async () => {
        await step(page, `rv-pages-${lang}-${width}`, async () => {
          await page.setViewportSize({ width, height: 900 });
          await page.evaluate((l) => localStorage.setItem("termsight.lang", l), lang);
          const problems: string[] = [];
          // the contract's YAML is the user's text too
          const data = byLength([
            ...DATA,
            ...contractYaml
              .split("\n")
              .map((l) => l.trim())
              .filter((l) => l.length > 2),
          ]);
          for (const p of pages()) {
            await page.goto(`${server.baseUrl}${p.path}`);
            await page
              .getByRole("heading", { name: lang === "zh" ? p.zh : p.en, exact: true })
              .first()
              .waitFor();
            if (p.ready) await page.getByTestId(p.ready).waitFor();
            await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
            const r = await checkPage(page, { zh: lang === "zh", data });
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
