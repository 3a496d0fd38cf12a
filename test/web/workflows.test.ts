import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, type Page, removeDir, step } from "./browser.js";
import { checkPage } from "./page-checks.js";
import { ensureWebBuild, ROOT, type RunningServer, startServer } from "./start-server.js";

const ADMIN = { name: "Ada Admin", email: "ada@example.com", password: "correct horse battery staple" };
const WORKSPACE = "Buyers";
const STEP = 180_000;
/** Strings the user typed: they stay as typed on a Chinese page. */
const DATA = [
  ADMIN.name,
  ADMIN.email,
  WORKSPACE,
  "ci-bot",
  "eu-west",
  "Acme",
  "vic@example.com",
  "ASR down",
  "Acme API",
];

/** Every page of the app, by URL; the heading each one shows in zh-CN and English. */
const PAGES: { path: string; zh: string; en: string }[] = [
  { path: "/", zh: "供应商总览", en: "Vendors" },
  { path: "/review", zh: "条款审阅", en: "Review terms" },
  { path: "/compare", zh: "供应商对比", en: "Compare vendors" },
  { path: "/contracts", zh: "合同", en: "Contracts" },
  { path: "/tickets", zh: "工单", en: "Tickets" },
  { path: "/tickets/import", zh: "导入工单", en: "Import tickets" },
  { path: "/probes", zh: "探测", en: "Probes" },
  { path: "/credits", zh: "应得赔付", en: "Credits owed" },
  { path: "/settings/workspace", zh: "设置", en: "Settings" },
  { path: "/settings/members", zh: "设置", en: "Settings" },
  { path: "/settings/tokens", zh: "设置", en: "Settings" },
  { path: "/settings/agents", zh: "设置", en: "Settings" },
  { path: "/settings/audit", zh: "设置", en: "Settings" },
  { path: "/settings/export", zh: "设置", en: "Settings" },
  { path: "/no-such-page", zh: "页面不存在", en: "Page not found" },
];

const suite = hasChromium ? describe : describe.skip;

/** GET /workspaces/:ws of the first workspace, run inside the page (its session cookie). */
async function readWorkspace(): Promise<Record<string, unknown>> {
  const me = await (await fetch("/api/v1/me")).json();
  return (await fetch(`/api/v1/workspaces/${me.workspaces[0].id}`)).json();
}

suite("web workflows in Chromium: settings, import, 404; every page in both languages and widths", () => {
  let server: RunningServer;
  let page: Page;
  let closeBrowser: () => Promise<void>;
  let tmp: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js")))
      throw new Error("dist/ is not built: run `npm run build`");
    ensureWebBuild();
    server = await startServer();
    const { browser, userDataDir } = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(30_000);
    tmp = mkdtempSync(join(tmpdir(), "ts-web-wf-"));
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

  it("setup lands in the workspace just created", { timeout: STEP }, async () => {
    await step(page, "wf-setup", async () => {
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
      const selected = await page
        .getByRole("combobox", { name: "工作区" })
        .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");
      expect(selected).toContain(WORKSPACE);
      expect(await page.title()).toBe("总览 · Termsight");
    });
  });

  it("unknown routes get a 404 page, not Review", { timeout: STEP }, async () => {
    await step(page, "wf-404", async () => {
      await page.goto(`${server.baseUrl}/settingz`);
      await page.getByRole("heading", { name: "页面不存在" }).waitFor();
      expect(await page.getByRole("heading", { name: "供应商总览" }).count()).toBe(0);
      expect(await page.title()).toBe("页面不存在 · Termsight");
      await page.goto(`${server.baseUrl}/settings/nonsense`);
      await page.getByRole("heading", { name: "页面不存在" }).waitFor();
    });
  });

  it("creates an API token shown once, then revokes it; the audit log filters by object", {
    timeout: STEP,
  }, async () => {
    await step(page, "wf-tokens", async () => {
      await page.goto(`${server.baseUrl}/settings/tokens`);
      await page.getByLabel("令牌名称").fill("ci-bot");
      await page.getByLabel("读写").check();
      await page.getByRole("button", { name: "创建令牌" }).click();
      const secret = page.getByTestId("shown-once");
      await secret.waitFor();
      expect(await secret.textContent()).toMatch(/^ts_/);
      await page.getByRole("button", { name: "完成" }).click();
      await expect(secret.count()).resolves.toBe(0);
      const row = page.locator("li.card-row", { hasText: "ci-bot" });
      await row.getByText("读写").waitFor();
      await row.getByRole("button", { name: /吊销/ }).click();
      await row.getByText("已吊销").waitFor();

      await page.getByRole("link", { name: "审计日志" }).click();
      await page.getByLabel("对象").selectOption({ label: "API 令牌" });
      expect(new URL(page.url()).searchParams.get("entity")).toBe("api_token");
      const table = page.getByTestId("audit-table");
      await table.getByText("吊销").waitFor();
      const objects = await table.locator("tbody tr td:nth-child(4)").allTextContents();
      expect(objects.length).toBe(2);
      expect(new Set(objects)).toEqual(new Set(["API 令牌"]));
    });
  });

  it("registers a probe agent (token shown once) and invites a member (link shown once)", {
    timeout: STEP,
  }, async () => {
    await step(page, "wf-agents", async () => {
      await page.goto(`${server.baseUrl}/settings/agents`);
      await page.getByLabel("代理名称").fill("Acme");
      await page.getByLabel("地区").fill("eu-west");
      await page.getByRole("button", { name: "注册代理" }).click();
      await page.getByTestId("shown-once").waitFor();
      await page.getByRole("button", { name: "完成" }).click();
      await page.locator("li.card-row", { hasText: "eu-west" }).getByText("从未上线").waitFor();

      await page.getByRole("link", { name: "成员" }).click();
      await page.getByLabel("邮箱").fill("vic@example.com");
      await page.getByLabel("角色", { exact: true }).selectOption("viewer");
      await page.getByRole("button", { name: "邀请" }).click();
      await expect(page.getByTestId("shown-once").textContent()).resolves.toMatch(/\/invite\?token=/);
      await page.getByRole("button", { name: "完成" }).click();
      await page.getByText("待接受的邀请").waitFor();
    });
  });

  it("imports tickets: a refused row is named by line and nothing is stored; a good file is", {
    timeout: STEP,
  }, async () => {
    await step(page, "wf-import", async () => {
      const bad = join(tmp, "bad.csv");
      writeFileSync(bad, "external_id,created_at,severity,subject\nT-1,not a date,P1,Broken\n");
      const good = join(tmp, "good.csv");
      writeFileSync(
        good,
        "external_id,created_at,severity,subject\nT-1,2026-03-02T09:00:00+08:00,P1,ASR down\n",
      );
      await page.goto(`${server.baseUrl}/tickets`);
      await page.getByRole("link", { name: "导入工单" }).click();
      await page.getByRole("heading", { name: "导入工单" }).waitFor();
      await page.getByLabel("文件").setInputFiles(bad);
      await page.getByRole("button", { name: "导入", exact: true }).click();
      const refused = page.getByTestId("import-refused");
      await expect(refused.textContent()).resolves.toMatch(/第 2 行/);
      await page.getByLabel("文件").setInputFiles(good);
      await page.getByRole("button", { name: "导入", exact: true }).click();
      await expect(page.getByTestId("import-status").textContent()).resolves.toMatch(/已完成/);
      await page.getByRole("link", { name: "工单", exact: true }).first().click();
      await page.getByRole("button", { name: "ASR down" }).click();
      // The open ticket has its own URL.
      expect(new URL(page.url()).pathname).toMatch(/^\/tickets\/[^/]+$/);
      await page.reload();
      await expect(page.getByTestId("ticket-policy").textContent()).resolves.toContain("计时依据");
      await page.getByRole("heading", { name: /ASR down/ }).waitFor();
    });
  });

  it("creates a probe (the allow-list is explained) and runs it now: a private target is refused in words", {
    timeout: STEP,
  }, async () => {
    await step(page, "wf-probe", async () => {
      await page.goto(`${server.baseUrl}/probes`);
      await page.getByRole("button", { name: "添加探测" }).click();
      await expect(page.locator("#probe-allow").textContent()).resolves.toContain("TERMSIGHT_PROBE_ALLOW");
      await page.getByLabel("名称").fill("Acme API");
      await page.getByLabel("网址或 主机:端口").fill("http://127.0.0.1:9/health");
      await page.getByRole("button", { name: "保存" }).click();
      await page.getByRole("button", { name: "Acme API" }).waitFor();
      await page.getByRole("button", { name: "立即运行" }).click();
      const alert = page.locator(".toast.error");
      await expect(alert.textContent()).resolves.toContain("服务器不会探测这个地址");
    });
  });

  it("the command palette (Ctrl+K) jumps to an action", { timeout: STEP }, async () => {
    await step(page, "wf-palette", async () => {
      await page.goto(`${server.baseUrl}/`);
      await page.getByRole("heading", { name: "供应商总览" }).waitFor();
      await page.keyboard.press("Control+k");
      const input = page.getByPlaceholder("跳转到页面、供应商、文档或工单…");
      await input.fill("导入工单");
      await page.getByRole("option", { name: "导入工单" }).click();
      await page.getByRole("heading", { name: "导入工单" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/tickets/import");
    });
  });

  let vendorId = "";
  it("a vendor appears as a card on the start page and has its own page", { timeout: STEP }, async () => {
    await step(page, "wf-vendor", async () => {
      vendorId = await page.evaluate(async () => {
        const me = await (await fetch("/api/v1/me")).json();
        const res = await fetch(`/api/v1/workspaces/${me.workspaces[0].id}/vendors`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": me.csrf_token },
          body: JSON.stringify({ name: "Acme" }),
        });
        return (await res.json()).id as string;
      });
      await page.goto(`${server.baseUrl}/`);
      const card = page.getByTestId("vendor-card").filter({ hasText: "Acme" });
      await card.getByText("尚未审阅").waitFor();
      await card.getByText("还没有合同").waitFor();
      await card.getByRole("link", { name: "Acme" }).click();
      await page.getByRole("heading", { name: "Acme", exact: true }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/vendors/${vendorId}`);
      await page.getByText("还没有该供应商的文档。").waitFor();
    });
  });

  it("workspace settings: an unknown zone is refused in words; the workspace language is the pages' default", {
    timeout: STEP,
  }, async () => {
    await step(page, "wf-ws-settings", async () => {
      await page.goto(`${server.baseUrl}/settings/workspace`);
      const form = page.locator("form.ws-settings");
      await form.getByLabel("时区").fill("Mars/Olympus_Mons");
      await form.getByRole("button", { name: "保存" }).click();
      await form.getByText("未知的时区").waitFor();
      await form.getByLabel("时区").fill("Europe/Berlin");
      await form.getByLabel("默认语言").selectOption("en");
      await form.getByLabel("默认工作日历").selectOption("always");
      await form.getByRole("button", { name: "保存" }).click();
      await expect
        .poll(() => page.evaluate(readWorkspace))
        .toMatchObject({
          timezone: "Europe/Berlin",
          language: "en",
          business_calendar: "always",
        });
      // No language chosen with the switch: the workspace's language decides.
      await page.evaluate(() => localStorage.removeItem("termsight.lang"));
      await page.goto(`${server.baseUrl}/`);
      await page.getByRole("heading", { name: "Vendors" }).waitFor();
      // A choice made with the switch wins over the workspace's language.
      await page.evaluate(() => localStorage.setItem("termsight.lang", "zh"));
      await page.goto(`${server.baseUrl}/settings/workspace`);
      await page.getByRole("heading", { name: "设置", exact: true }).waitFor();
      await expect(page.locator("#ws-language").inputValue()).resolves.toBe("en");
      await page.locator("#ws-language").selectOption("zh-CN");
      await page.locator("form.ws-settings").getByRole("button", { name: "保存" }).click();
      await expect.poll(() => page.evaluate(readWorkspace)).toMatchObject({ language: "zh-CN" });
    });
  });

  for (const lang of ["zh", "en"] as const)
    for (const width of [1280, 390])
      it(`every page in ${lang} at ${width} px: no overflow, no axe violation${lang === "zh" ? ", no English" : ""}`, {
        timeout: 300_000,
      }, async () => {
        await step(page, `wf-pages-${lang}-${width}`, async () => {
          await page.setViewportSize({ width, height: 900 });
          await page.evaluate((l) => localStorage.setItem("termsight.lang", l), lang);
          const problems: string[] = [];
          const vendorPage = { path: `/vendors/${vendorId}`, zh: "Acme", en: "Acme" };
          for (const p of vendorId ? [...PAGES, vendorPage] : PAGES) {
            await page.goto(`${server.baseUrl}${p.path}`);
            await page
              .getByRole("heading", { name: lang === "zh" ? p.zh : p.en, exact: true })
              .first()
              .waitFor();
            await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
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
