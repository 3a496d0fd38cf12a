import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningServer {
  baseUrl: string;
  /** The one-time setup link printed at first start, pointed at this server. */
  setupUrl: string;
  stop: () => Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Rebuilds dist/web with Vite when a file under src/web is newer than the build (or there is none). */
export function ensureWebBuild(): void {
  const index = join(ROOT, "dist/web/index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(ROOT, "src/web"))) return;
  execFileSync(
    join(ROOT, "node_modules/.bin/vite"),
    ["build", "--config", "src/web/vite.config.ts", "--logLevel", "warn"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The setup link in a line of server output, re-pointed at `baseUrl` (the server may print its own host). */
export function findSetupLink(output: string, baseUrl: string): string | null {
  const m = /https?:\/\/[^\s"']+\/setup\?token=[^\s"']+/.exec(output);
  if (!m) return null;
  const link = new URL(m[0]);
  return `${baseUrl}/setup${link.search}`;
}

/** Spawns `termsight serve` (built in dist/) on a free port with a fresh data folder; waits for the setup link. */
async function spawnServe(port: number, dataDir: string): Promise<RunningServer> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, "bin/termsight.mjs"), "serve", "--port", String(port), "--data", dataDir, "--no-demo"],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: "" },
    },
  );
  let output = "";
  const setupUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve printed no setup link in 150 s:\n${output}`));
    }, 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const link = findSetupLink(output, baseUrl);
      if (link) {
        clearTimeout(timer);
        resolve(link);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
  // The link may be printed before the port is open: wait for the API.
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${baseUrl}/api/v1/setup`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    setupUrl,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

/** Without a serve command: the built server and store modules in this process. */
async function inProcess(port: number, dataDir: string): Promise<RunningServer> {
  const server = await import(join(ROOT, "dist/server/index.js"));
  const storeMod = await import(join(ROOT, "dist/store/index.js"));
  const store = await storeMod.openStore({ dataDir });
  const app = await server.buildServer({ store, webRoot: join(ROOT, "dist/web") });
  const token: string = await server.issueSetupToken(store);
  await app.listen({ port, host: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    setupUrl: server.setupLink(token, baseUrl),
    stop: async () => {
      await app.close();
      await store.close();
    },
  };
}

/** Starts the real server (dist/ must be built) on a free port with a temp data folder. */
export async function startServer(opts: { port?: number } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "ts-web-e2e-"));
  const port = opts.port ?? (await freePort());
  const useServe = existsSync(join(ROOT, "dist/cli/commands/serve.js"));
  const running = useServe ? await spawnServe(port, dataDir) : await inProcess(port, dataDir);
  return {
    ...running,
    stop: async () => {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
