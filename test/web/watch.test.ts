import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidentsJson, maintenancesJson } from "../../src/watch/status/__fixtures__/statuspage-fixtures.js";
import { type FixtureSite, startFixtureSite } from "../../src/watch/testing/fixture-site.js";
import { hasChromium, launchChromium, type Page, removeDir, step } from "./browser.js";
import { checkPage } from "./page-checks.js";
import { ensureWebBuild, ROOT, type RunningServer, startServer } from "./start-server.js";

const ADMIN = { name: "Ada Admin", email: "ada@example.com", password: "correct horse battery staple" };
const WORKSPACE = "Buyers";
const STEP = 180_000;

/** The fixture vendor's SLA page, written for this test: v2 lowers availability and shortens the claim window. */
const SLA_V1 = `声远语音接口服务等级协议

一、可用性。声远承诺每个自然月的服务可用性不低于99.95%。

二、服务赔付。月度可用性低于99.95%时，客户可获得当月服务费10%的服务赔付。客户须在故障发生后60日内提出赔付申请。

三、技术支持。P1级故障：15分钟内响应，7×24小时。`;
const SLA_V2 = SLA_V1.replaceAll("99.95%", "99.9%").replace("60日内", "30日内");
const slaPage = (text: string) =>
  `<!doctype html><html lang="zh-CN"><head><title>声远</title></head><body><nav>首页</nav><main><article class="sla"><div class="cookie">本站使用小文件</div>${text
    .split("\n\n")
    .map((p) => `<p>${p}</p>`)
    .join("")}</article></main></body></html>`;

/**
 * Strings that are data, not wording, on a zh-CN page: what the user typed, and what the fixture
 * vendor's status page says (vendor text is shown as the vendor wrote it).
 */
const DATA = [
  ADMIN.name,
  ADMIN.email,
  WORKSPACE,
  "Acme",
  "Elevated errors on Voice API",
  "We are investigating elevated error rates on the Voice API.",
  "This incident has been resolved.",
  "Database upgrade",
  "We will upgrade the database. Calls may fail briefly.",
  "Voice API",
  // the vendor's own status words inside its update text
  "investigating",
  "scheduled",
  // product names of channel kinds (proper nouns, the same in every language)
  "Slack",
];

const suite = hasChromium ? describe : describe.skip;

suite("watch and alert channel pages in Chromium (local fixture vendor site and webhook receiver)", () => {
  let server: RunningServer;
  let page: Page;
  let site: FixtureSite;
  let hook: Server;
  let hookUrl: string;
  const hookBodies: string[] = [];
  let closeBrowser: () => Promise<void>;
  const previous = {
    watch: process.env.TERMSIGHT_WATCH_ALLOW,
    alert: process.env.TERMSIGHT_ALERT_ALLOW,
  };

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js")))
      throw new Error("dist/ is not built: run `npm run build`");
    ensureWebBuild();
    // the server may fetch from and post to the local fixtures only because the operator allows it
    process.env.TERMSIGHT_WATCH_ALLOW = "127.0.0.1";
    process.env.TERMSIGHT_ALERT_ALLOW = "127.0.0.1";
    site = await startFixtureSite();
    site.set("/sla", { body: slaPage(SLA_V1) });
    site.set("/api/v2/incidents.json", { body: incidentsJson(false), contentType: "application/json" });
    site.set("/api/v2/scheduled-maintenances.json", {
      body: maintenancesJson,
      contentType: "application/json",
    });
    hook = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        hookBodies.push(body);
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
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
    await site?.close();
    await new Promise((r) => hook?.close(r));
    for (const [name, value] of [
      ["TERMSIGHT_WATCH_ALLOW", previous.watch],
      ["TERMSIGHT_ALERT_ALLOW", previous.alert],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  }, 60_000);

  /** Calls the API as the logged-in user (cookie and CSRF token). */
  const api = <T>(method: string, path: string, body?: unknown) =>
    page.evaluate(
      async ({ method, path, body }) => {
        const me = await (await fetch("/api/v1/me")).json();
        const res = await fetch(`/api/v1/workspaces/${me.workspaces[0].id}${path}`, {
          method,
          headers: { "content-type": "application/json", "x-csrf-token": me.csrf_token },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, json: await res.json().catch(() => null), ws: me.workspaces[0].id };
      },
      { method, path, body },
    ) as Promise<{ status: number; json: T; ws: string }>;

  let vendorId = "";
  let wsId = "";
  it("setup, log in, a vendor", { timeout: STEP }, async () => {
    await step(page, "watch-setup", async () => {
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
      const created = await api<{ id: string }>("POST", "/vendors", { name: "Acme" });
      vendorId = created.json.id;
      wsId = created.ws;
      expect(created.status).toBe(201);
    });
  });

  it("declares a watch from the vendor page: a dry run shows the text; a weakened page is a version with both diffs", {
    timeout: STEP,
  }, async () => {
    await step(page, "watch-documents", async () => {
      await page.goto(`${server.baseUrl}/vendors/${vendorId}`);
      await page.getByRole("link", { name: "监测该供应商" }).click();
      await page.getByRole("heading", { name: "监测供应商" }).waitFor();
      expect(new URL(page.url()).searchParams.get("vendor")).toBe(vendorId);
      await page.getByText("还没有监测的文档").waitFor();
      await page.getByRole("button", { name: "添加监测文档" }).click();
      await page.getByLabel("名称").fill("声远服务等级");
      await page.getByLabel("页面地址").fill(`${site.origin}/sla`);
      await page.getByLabel("保留（每行一个选择器）").fill("article.sla");
      await page.getByLabel("去除（每行一个选择器）").fill(".cookie");
      await page.getByRole("button", { name: "立即抓取（试运行）" }).click();
      await page.getByText("试运行：未保存任何内容").waitFor();
      const preview = page.locator(".watch-form pre.watch-text");
      await expect(preview.textContent()).resolves.toContain("不低于99.95%");
      expect(await preview.textContent()).not.toContain("本站使用小文件");
      // a selector that matches nothing is "broken", in words, and nothing is stored
      await page.getByLabel("保留（每行一个选择器）").fill("#nope");
      await page.getByRole("button", { name: "立即抓取（试运行）" }).click();
      await page.locator(".watch-form").getByText("监测已失效").waitFor();
      await page.getByLabel("保留（每行一个选择器）").fill("article.sla");
      await page.getByRole("button", { name: "保存" }).click();
      const card = page.locator("li.card-row", { hasText: "声远服务等级" });
      await card.getByText("尚未抓取").waitFor();

      await card.getByRole("button", { name: "立即检查并保存" }).click();
      await card.getByText("已保存新版本").waitFor();
      await card.getByText("正常").waitFor();
      await page.getByText("第一个版本：没有可对比的内容。").waitFor();

      site.set("/sla", { body: slaPage(SLA_V2) });
      await card.getByRole("button", { name: "立即检查并保存" }).click();
      await card.getByText("已保存新版本").waitFor();
      const versions = page.locator("ol.watch-versions > li");
      // the message comes with the save's answer; the list refetches after it
      await versions.nth(1).waitFor();
      await expect(versions.count()).resolves.toBe(2);
      const latest = versions.first();
      await latest.getByText("减弱").first().waitFor();
      await latest.getByText("可用性").first().waitFor();
      // both spans: the old and the new wording
      await expect(latest.locator(".watch-evidence").allTextContents()).resolves.toEqual(
        expect.arrayContaining([expect.stringContaining("99.95%"), expect.stringContaining("99.9%")]),
      );
      // the text diff beside it
      await expect(latest.locator("pre.watch-text .add").allTextContents()).resolves.toEqual(
        expect.arrayContaining([expect.stringContaining("30日内")]),
      );
      await page.locator("#watch-findings-h").waitFor();
      await expect(
        page.locator("section[aria-labelledby=watch-findings-h] li").count(),
      ).resolves.toBeGreaterThan(0);

      // unchanged refetch: no version
      await card.getByRole("button", { name: "立即检查并保存" }).click();
      await card.getByText("文本未变化：没有新版本。").waitFor();
      await expect(versions.count()).resolves.toBe(2);

      // the declarations as YAML in the CodeMirror editor
      await page.getByRole("button", { name: "以配置文件编辑" }).click();
      await expect(page.locator(".cm-content").textContent()).resolves.toContain("termsight.watch/v1");
      await page.getByRole("button", { name: "应用配置" }).click();
      await page.getByText("已保存 1 条声明。").waitFor();
      const feed = page.getByRole("link", { name: "条款变更订阅" });
      expect(await feed.getAttribute("href")).toBe(`/api/v1/workspaces/${wsId}/term-changes.atom`);
    });
  });

  it("adds a status source, polls it, maps a component; records and declared-vs-measured show", {
    timeout: STEP,
  }, async () => {
    await step(page, "watch-status", async () => {
      await page.getByRole("link", { name: "状态页" }).click();
      await page.getByText("还没有状态来源").waitFor();
      await page.getByRole("button", { name: "添加状态来源" }).click();
      await page.getByLabel("页面地址").fill(site.origin);
      await page.getByRole("button", { name: "保存", exact: true }).click();
      const card = page.locator("li.watch-source");
      await card.getByText("尚未读取").first().waitFor();
      await card.getByRole("button", { name: "立即读取" }).click();
      await card.getByText("已读取：新增 2 条").waitFor();
      await card.getByText("可读取").waitFor();
      await expect(card.getByLabel("供应商组件").first().inputValue()).resolves.toBe("Voice API");
      await card.getByLabel("覆盖的服务").first().fill("语音，实时");
      await card.getByRole("button", { name: "保存映射" }).click();
      await card.getByText("映射已保存：重新映射了 2 条记录。").waitFor();
      await page.getByText("Elevated errors on Voice API").first().waitFor();
      await page.getByRole("heading", { name: "声明与实测对比（最近 30 天）" }).waitFor();

      // an unreadable source says so and is never read as an outage
      await page.getByRole("button", { name: "添加状态来源" }).click();
      await page.getByLabel("页面地址").fill(`${site.origin}/nothing-here`);
      await page.getByRole("button", { name: "保存", exact: true }).click();
      const second = page.locator("li.watch-source").nth(1);
      await second.getByRole("button", { name: "立即读取" }).click();
      await second.locator(".badge", { hasText: "无法读取" }).waitFor();
      await second.getByText(/它没有报告事件并不代表没有事件/).waitFor();
    });
  });

  it("computes a contract's deadlines", { timeout: STEP }, async () => {
    await step(page, "watch-deadlines", async () => {
      const reviews = await api<{ items: { id: string }[] }>("GET", "/reviews?limit=10");
      const contract = await api<{ id: string }>("POST", "/contracts", {
        review_id: reviews.json.items[0].id,
        name: "声远合同",
        vendor_id: vendorId,
      });
      expect(contract.status).toBe(201);
      await page.getByRole("link", { name: "合同期限" }).click();
      await page.getByLabel("合同结束").fill("2026-12-31");
      await page.getByLabel("自动续约（月，0 表示无）").fill("12");
      await page.getByRole("button", { name: "计算期限" }).click();
      await page.getByRole("rowheader", { name: "合同到期" }).waitFor();
      await page.getByRole("rowheader", { name: "不续约通知的最后一天" }).waitFor();
    });
  });

  it("adds a webhook channel with routing and quiet hours, sends a test to a local receiver", {
    timeout: STEP,
  }, async () => {
    await step(page, "alert-channels", async () => {
      await page.goto(`${server.baseUrl}/alerts`);
      await page.getByRole("heading", { name: "告警渠道", level: 1 }).waitFor();
      await page.locator("section[aria-labelledby=allow-h]").getByText("127.0.0.1").waitFor();
      await page.getByText("还没有告警渠道").waitFor();
      await page.getByRole("button", { name: "添加渠道" }).click();
      await page.getByLabel("名称").fill("值班群");
      await page.getByLabel("回调地址").fill(hookUrl);
      await page.getByLabel("签名密钥").fill("s3cret-for-test");
      await page.getByLabel("紧急").first().check();
      await page.getByLabel("Acme").check();
      await page.getByLabel("在投递时段之外暂缓告警").check();
      await page.getByLabel("时区").fill("Asia/Shanghai");
      await page.getByRole("button", { name: "保存", exact: true }).click();
      await page.getByText("渠道已保存。").waitFor();
      const card = page.locator("li.card-row", { hasText: "值班群" });
      await card.getByText("未使用").waitFor();
      await card.getByText(/09:00-18:00 之外免打扰/).waitFor();
      expect(await card.textContent()).not.toContain("s3cret-for-test");
      await card.getByRole("button", { name: "发送测试" }).click();
      await card.getByText("测试消息已送达。").waitFor();
      await card.getByText("正常").waitFor();
      expect(hookBodies.some((b) => b.includes("termsight.alert/v1"))).toBe(true);
      // a controlled checkbox: it changes when the server has answered
      await card.getByLabel("启用").click();
      await card.getByText("已停用").waitFor();
    });
  });

  it("an evidence link's ?ws= selects that workspace and leaves the URL clean", {
    timeout: STEP,
  }, async () => {
    await step(page, "alert-ws-link", async () => {
      await page.goto(`${server.baseUrl}/watch?ws=${wsId}&tab=status`);
      await page.getByRole("heading", { name: "监测供应商" }).waitFor();
      await page.waitForFunction(() => !new URL(location.href).searchParams.has("ws"));
      expect(new URL(page.url()).searchParams.get("tab")).toBe("status");
    });
  });

  const PAGES = [
    { path: "/watch?tab=documents", zh: "监测供应商", en: "Watch vendors" },
    { path: "/watch?tab=status", zh: "监测供应商", en: "Watch vendors" },
    { path: "/watch?tab=deadlines", zh: "监测供应商", en: "Watch vendors" },
    { path: "/alerts", zh: "告警渠道", en: "Alert channels" },
  ];
  for (const lang of ["zh", "en"] as const)
    for (const width of [1280, 390])
      it(`watch and alert pages in ${lang} at ${width} px: no overflow, no axe violation${lang === "zh" ? ", no English" : ""}`, {
        timeout: 300_000,
      }, async () => {
        await step(page, `watch-pages-${lang}-${width}`, async () => {
          await page.setViewportSize({ width, height: 900 });
          await page.evaluate((l) => localStorage.setItem("termsight.lang", l), lang);
          const problems: string[] = [];
          const withVendor = PAGES.flatMap((p) =>
            p.path.startsWith("/watch") ? [p, { ...p, path: `${p.path}&vendor=${vendorId}` }] : [p],
          );
          for (const p of withVendor) {
            await page.goto(`${server.baseUrl}${p.path}`);
            await page
              .getByRole("heading", { name: lang === "zh" ? p.zh : p.en, exact: true, level: 1 })
              .waitFor();
            await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
            await page.waitForTimeout(300);
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
