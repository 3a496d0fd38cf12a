import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, type Page, removeDir, step } from "./browser.js";
import { ensureWebBuild, ROOT, type RunningServer, startServer } from "./start-server.js";

const ADMIN = { name: "Ada Admin", email: "ada@example.com", password: "correct horse battery staple" };
const VIEWER = { name: "Vic Viewer", email: "vic@example.com", password: "viewer password 123" };
const STEP = 120_000;

/** The contract editor's whole text (CodeMirror renders only the visible lines, so not from the DOM). */
async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // what EditorView.findFromDOM reads: the view behind CodeMirror's content element
    // biome-ignore lint/suspicious/noExplicitAny: CodeMirror's internal tile pointer
    const content = document.querySelector(".cm-content") as any;
    return content?.cmTile?.root?.view?.state.doc.toString() ?? "";
  });
}

const suite = hasChromium ? describe : describe.skip;
if (!hasChromium)
  console.warn("web e2e skipped: /usr/bin/chromium is missing (apt-get install chromium fonts-noto-cjk)");

suite("web UI in Chromium (real server)", () => {
  let server: RunningServer;
  let page: Page;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js"))) {
      throw new Error("dist/ is not built: run `npm run build` before the web e2e tests");
    }
    ensureWebBuild();
    server = await startServer();
    const { browser, userDataDir } = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(60_000);
    closeBrowser = async () => {
      await browser.close();
      removeDir(userDataDir);
    };
  }, 300_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  }, 60_000);

  it("sets up the first admin from the one-time link and logs in", { timeout: STEP }, async () => {
    await step(page, "setup", async () => {
      await page.goto(server.setupUrl);
      await page.getByLabel("姓名").fill(ADMIN.name);
      await page.getByLabel("邮箱").fill(ADMIN.email);
      await page.getByLabel("密码").fill(ADMIN.password);
      await page.getByRole("button", { name: "创建管理员" }).click();
      await page.getByText("管理员已创建").waitFor();
      await page.getByLabel("邮箱").fill(ADMIN.email);
      await page.getByLabel("密码").fill("wrong password!!");
      await page.getByRole("button", { name: "登录" }).click();
      // The problem code is translated: no English server text on a Chinese page.
      await expect(page.getByRole("alert").textContent()).resolves.toContain("邮箱或密码错误");
      await page.getByLabel("密码").fill(ADMIN.password);
      await page.getByRole("button", { name: "登录" }).click();
      await page.getByRole("heading", { name: "供应商总览" }).waitFor();
      await page.locator("header nav").getByRole("link", { name: "条款审阅" }).click();
      await page.getByRole("heading", { name: "条款审阅" }).waitFor();
    });
  });

  it("uploads a Chinese PDF and shows highlighted evidence for a finding", { timeout: STEP }, async () => {
    await step(page, "upload-pdf", async () => {
      await page.getByLabel("供应商（可选）").fill("云川");
      // a vendor is created only when asked to (no orphan vendor from a typo)
      await page.getByRole("option", { name: "新建供应商“云川”" }).click();
      await page.getByText("已新建供应商“云川”。").waitFor();
      await page.getByLabel("选择文件").setInputFiles(join(ROOT, "examples/yunchuan-rtc-sla-zh.pdf"));
      await page.locator("mark.span").first().waitFor();
      const text = await page.getByTestId("document-text").textContent();
      expect(text).toContain("云川");
      // Click a located finding: its span scrolls into view and flashes.
      const finding = page.locator(".findings-pane button.finding-title").first();
      await finding.click();
      const flashed = page.locator("mark.flash");
      await flashed.waitFor();
      expect((await flashed.textContent())?.length).toBeGreaterThan(0);
      await expect(flashed.isVisible()).resolves.toBe(true);
    });
  });

  it("uploads an English DOCX and re-scores it when the scenario changes", { timeout: STEP }, async () => {
    await step(page, "upload-docx", async () => {
      await page.getByLabel("供应商（可选）").fill("Kestrel");
      await page.getByRole("option", { name: "新建供应商“Kestrel”" }).click();
      await page.getByText("已新建供应商“Kestrel”。").waitFor();
      await page.getByLabel("选择文件").setInputFiles(join(ROOT, "examples/kestrel-speech-support-en.docx"));
      await page.waitForFunction(() => {
        const pick = document.querySelector<HTMLSelectElement>("#doc-pick");
        return (
          pick?.selectedOptions[0]?.textContent?.includes("kestrel") && document.querySelector("mark.span")
        );
      });
      await expect(page.getByTestId("document-text").textContent()).resolves.toContain("Kestrel");
      const score = page.getByTestId("overall-score");
      const general = Number(await score.textContent());
      const seen = new Set([general]);
      for (const scenario of ["voice-cs", "social-1v1", "live-streaming", "global"]) {
        await page.getByLabel("场景").selectOption(scenario);
        await page
          .waitForFunction(() => !document.querySelector(".toolbar [aria-live]:not(.score)"), null, {
            timeout: 30_000,
          })
          .catch(() => undefined);
        await page.waitForTimeout(300);
        seen.add(Number(await score.textContent()));
      }
      expect(seen.size).toBeGreaterThan(1);
    });
  });

  it("reviews pasted terms without storing them", { timeout: STEP }, async () => {
    await step(page, "paste", async () => {
      await page.getByText("或粘贴条款").click();
      await page
        .getByLabel("条款文本")
        .fill("故障发生后，我们将尽力而为提供支持。因客户网络波动导致的不可用不计入服务不可用时间。");
      await page.getByRole("button", { name: "审阅粘贴的文本" }).click();
      await page.waitForFunction(() =>
        document.querySelector("[data-testid=document-text]")?.textContent?.startsWith("故障发生后"),
      );
      await page.locator("mark.span").first().waitFor();
    });
  });

  it("uploads a dropped file and keeps the review in a link", { timeout: STEP }, async () => {
    await step(page, "drop", async () => {
      const text = readFileSync(join(ROOT, "examples/minchuan-rtc-terms-zh.txt"), "utf8");
      const data = await page.evaluateHandle((body) => {
        const dt = new DataTransfer();
        dt.items.add(new File([body], "minchuan-rtc-terms-zh.txt", { type: "text/plain" }));
        return dt;
      }, text);
      await page.dispatchEvent("[data-testid=dropzone]", "drop", { dataTransfer: data });
      const selected = () =>
        page.waitForFunction(() => {
          const pick = document.querySelector<HTMLSelectElement>("#doc-pick");
          return (
            pick?.selectedOptions[0]?.textContent?.includes("minchuan") && document.querySelector("mark.span")
          );
        });
      await selected();
      expect(new URL(page.url()).searchParams.get("document")).toBeTruthy();
      await page.reload();
      await selected();
    });
  });

  it("compares the two vendors: table with best per row, radar chart and memos", {
    timeout: STEP,
  }, async () => {
    await step(page, "compare", async () => {
      await page.getByRole("link", { name: "供应商对比" }).click();
      await page.getByLabel(/云川/).check();
      await page.getByLabel(/Kestrel/).check();
      await page.getByRole("button", { name: "对比", exact: true }).click();
      const table = page.getByTestId("compare-table");
      await table.waitFor();
      await expect(table.locator("thead").textContent()).resolves.toMatch(
        /云川[\s\S]*Kestrel|Kestrel[\s\S]*云川/,
      );
      expect(await table.locator("td.best").count()).toBeGreaterThan(0);
      // the radar is drawn by the server and shown as an image that has loaded
      const radar = page.locator(".chart img").first();
      await radar.waitFor();
      await expect(radar.getAttribute("alt")).resolves.toBeTruthy();
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>(".chart img");
        return !!img && img.complete && img.naturalWidth > 0;
      });
      expect(await page.locator("article.memo").count()).toBe(2);
    });
  });

  it("validates a contract by line, saves it with an SLA policy, opens a ticket and shows its live clock", {
    timeout: STEP,
  }, async () => {
    await step(page, "ticket", async () => {
      await page.getByRole("link", { name: "合同" }).click();
      await page.getByLabel("从以下文档的审阅生成").selectOption({ label: "kestrel-speech-support-en.docx" });
      const editor = page.getByLabel("条款 YAML");
      await editor.waitFor();
      await page.getByText("根据审阅生成的草稿").waitFor();
      expect(await editorText(page)).toContain("schema: termsight.terms/v1");
      const yaml = await editorText(page);
      await editor.fill(yaml.replace("schema: termsight.terms/v1", "schema: nonsense/v9"));
      expect(await editorText(page)).toContain("schema: nonsense/v9");
      await page.getByRole("button", { name: "保存" }).click();
      const lineError = page.locator("#contract-yaml-error");
      await expect(lineError.textContent()).resolves.toMatch(/^第 \d+ 行/);
      // CodeMirror marks the line inline (lint gutter marker and underline).
      await page.locator(".cm-lint-marker-error").first().waitFor();
      await page.locator(".cm-lintRange-error").first().waitFor();
      // The whole terms model is checked before save, SLA policy included.
      const badPolicy =
        "sla_policy:\n  name: kestrel support\n  severities:\n    P1: { first_response: { minutes: sixty } }\n";
      await editor.fill(`${yaml.trimEnd()}\n${badPolicy}`);
      await page.getByRole("button", { name: "保存" }).click();
      await expect(lineError.textContent()).resolves.toContain("minutes");
      expect(await page.getByText("已保存。").count()).toBe(0);
      const policy =
        "sla_policy:\n  name: kestrel support\n  severities:\n    P1: { first_response: { minutes: 60 }, resolution: { minutes: 480 } }\n";
      await editor.fill(`${yaml.trimEnd()}\n${policy}`);
      await page.getByRole("button", { name: "保存" }).click();
      await page.getByText("已保存。").waitFor();

      await page.getByRole("link", { name: "工单" }).click();
      await page.getByLabel("标题").fill("ASR latency spike");
      await page.getByLabel("供应商（可选）").selectOption({ label: "Kestrel" });
      // the severity comes from the contract's SLA policy
      await page.waitForFunction(() => document.querySelector("select#ticket-severity") !== null);
      await page.getByLabel("级别", { exact: true }).selectOption("P1");
      await page.getByRole("button", { name: "新建工单" }).click();
      const clock = page.getByTestId("ticket-sla").locator(".clock").first();
      await clock.waitFor();
      const first = await clock.textContent();
      expect(first).toMatch(/剩余/);
      // The clock ticks client-side every second.
      await page.waitForFunction(
        (before) => document.querySelector("[data-testid=ticket-sla] .clock")?.textContent !== before,
        first,
        { timeout: 10_000 },
      );
      await expect(page.getByTestId("ticket-clock").first().textContent()).resolves.toMatch(/剩余/);
      // A pause (pending on us) stops the resolution clock and shows in the timeline.
      await page.getByRole("button", { name: "供应商已回复" }).click();
      await page.getByRole("button", { name: "暂停（等待中）" }).click();
      await page.locator(".timeline .pause").waitFor();
      await expect(page.getByTestId("ticket-sla").textContent()).resolves.toContain("已暂停");
    });
  });

  it("lists credits per month for the contract and offers no letter where nothing is owed", {
    timeout: STEP,
  }, async () => {
    await step(page, "credits", async () => {
      await page.getByRole("link", { name: "赔付" }).click();
      await page.getByRole("heading", { name: "应得赔付" }).waitFor();
      const rows = page.locator("table tbody tr");
      await rows.first().waitFor();
      expect(await rows.count()).toBe(6);
      // No probe or log yet: the month says so instead of inventing a figure.
      await expect(rows.first().textContent()).resolves.toContain("本月没有测量数据");
      // Nothing measured and the month not over: no letter is offered, and the row says why.
      await expect(rows.first().textContent()).resolves.toMatch(/统计周期尚未结束|没有任何测量数据/);
      expect(await rows.first().getByRole("button", { name: "索赔函" }).count()).toBe(0);
    });
  });

  it("switches to English, remembers it, and fits a 390 px phone", { timeout: STEP }, async () => {
    await step(page, "english", async () => {
      await page.getByRole("link", { name: "工单" }).click();
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "Tickets" }).waitFor();
      await page.getByRole("button", { name: "ASR latency spike" }).click();
      await expect(page.getByTestId("ticket-sla").textContent()).resolves.toMatch(
        /due in|met|breached|paused/,
      );
      // Remembered across a reload (localStorage).
      await page.reload();
      await page.getByRole("link", { name: "Review" }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole("link", { name: "Review" }).click();
      await page.getByRole("heading", { name: "Review terms" }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });

  it("switches workspace: a new one starts empty and says what to do", { timeout: STEP }, async () => {
    await step(page, "workspace", async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      const created = await page.evaluate(async () => {
        const me = await (await fetch("/api/v1/me")).json();
        const res = await fetch("/api/v1/workspaces", {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": me.csrf_token },
          body: JSON.stringify({ name: "Second team" }),
        });
        return { status: res.status, first: me.workspaces[0].id as string };
      });
      expect(created.status).toBe(201);
      await page.reload();
      const switcher = page.getByRole("combobox", { name: "Workspace" });
      await switcher.selectOption({ label: "Second team · admin" });
      await page.getByText("No documents yet.").waitFor();
      await switcher.selectOption(created.first);
      await page.getByLabel("Document", { exact: true }).waitFor();
    });
  });

  it("gives a viewer no edit controls (the server enforces the role too)", { timeout: STEP }, async () => {
    await step(page, "viewer", async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      const status = await page.evaluate(async (viewer) => {
        const me = await (await fetch("/api/v1/me")).json();
        const ws = me.workspaces[0].id;
        // Members join by invitation: the admin gets a one-time link, the invitee (no account yet,
        // so not logged in) accepts it with a name and password.
        const invited = await fetch(`/api/v1/workspaces/${ws}/members`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": me.csrf_token },
          body: JSON.stringify({ email: viewer.email, role: "viewer" }),
        });
        const { token } = await invited.json();
        const accepted = await fetch(`/api/v1/invitations/${encodeURIComponent(token)}/accept`, {
          method: "POST",
          credentials: "omit",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: viewer.name, password: viewer.password }),
        });
        return [invited.status, accepted.status];
      }, VIEWER);
      expect(status).toEqual([202, 201]);
      await page.getByRole("button", { name: "Log out" }).click();
      await page.getByLabel("Email").fill(VIEWER.email);
      await page.getByLabel("Password").fill(VIEWER.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.getByText("You have read-only access in this workspace.").waitFor();
      await page.locator("header nav").getByRole("link", { name: "Review", exact: true }).click();
      await page.getByRole("heading", { name: "Review terms" }).waitFor();
      expect(await page.getByRole("heading", { name: "Upload a document" }).count()).toBe(0);
      // A viewer still reads a stored document (the review falls back to the stateless route).
      await page.getByLabel("Document", { exact: true }).selectOption({ index: 1 });
      await page.locator("mark.span").first().waitFor();
      await page.getByRole("link", { name: "Tickets" }).click();
      await page.getByTestId("ticket-clock").first().waitFor();
      expect(await page.getByRole("button", { name: "Open ticket" }).count()).toBe(0);
      await page.getByRole("link", { name: "Contracts" }).click();
      await page.getByRole("heading", { name: "Contracts" }).waitFor();
      expect(await page.getByRole("button", { name: "New" }).count()).toBe(0);
    });
  });
});
