import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { ROOT } from "./start-server.js";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/** Launch flags from DEVELOPERS.md; a fresh user-data-dir per run. */
export async function launchChromium(): Promise<{
  browser: BrowserContext & { close(): Promise<void> };
  userDataDir: string;
}> {
  const userDataDir = mkdtempSync(join(tmpdir(), "ts-web-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1280, height: 900 },
  });
  return { browser: context, userDataDir };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs a step; on failure writes a screenshot to test-results/<name>.png and rethrows. */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const dir = join(ROOT, "test-results");
    mkdirSync(dir, { recursive: true });
    await page
      .screenshot({ path: join(dir, `web-${name.replace(/[^a-z0-9]+/gi, "-")}.png`), fullPage: true })
      .catch(() => undefined);
    throw err;
  }
}

export type { Browser, Page };
