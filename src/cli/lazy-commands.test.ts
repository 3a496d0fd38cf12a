import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Start speed: a command's module and its dependencies load only when that command runs. Each case
 * runs the CLI in a child process (through tsx) with a resolve hook that lists every module loaded.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "termsight-lazy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hooks = join(dir, "hooks.mjs");
writeFileSync(
  hooks,
  `export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  process.stderr.write("LOADED " + r.url + "\\n");
  return r;
}\n`,
);
const register = join(dir, "register.mjs");
writeFileSync(
  register,
  `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
);
const entry = join(dir, "run.mjs");
writeFileSync(
  entry,
  `const { main } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "src/cli/main.ts")).href)});
process.exitCode = await main(process.argv.slice(2));\n`,
);

/** `termsight serve`'s server, built on an embedded store with every route, then closed. */
const serverEntry = join(dir, "build-server.mjs");
writeFileSync(
  serverEntry,
  `const { openTestPglite } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "src/store/testing.ts")).href)});
const { buildServer } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "src/server/index.ts")).href)});
const store = await openTestPglite();
const app = await buildServer({ store, webRoot: null });
await app.ready();
await app.close();
await store.close();
`,
);

/** The src/ folders and packages a CLI run (or another entry) loads (e.g. "src/clock", "zod"). */
function loaded(args: string[], script = entry): Set<string> {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--import", register, script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  const out = new Set<string>();
  for (const line of r.stderr.split("\n")) {
    const url = line.startsWith("LOADED ") ? line.slice(7) : "";
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    const src = /\/src\/([^/]+)\//.exec(url);
    if (pkg) out.add(pkg[1] as string);
    else if (src && !url.includes("node_modules")) out.add(`src/${src[1]}`);
  }
  return out;
}

const HEAVY = [
  "src/review",
  "src/ingest",
  "src/store",
  "src/server",
  "src/probes",
  "fastify",
  "mammoth",
  "unpdf",
];

describe("the CLI loads a command's modules only when it runs", () => {
  it("--help loads no command", () => {
    const mods = loaded(["--help"]);
    expect(mods.has("src/cli")).toBe(true);
    expect([...mods].filter((m) => m !== "src/cli" && m !== "src/errors" && m !== "tsx")).toEqual([]);
  });

  it("clock add loads the clock, not review, ingest, the store or the server", () => {
    const mods = loaded([
      "clock",
      "add",
      "--calendar",
      "examples/clock/calendar-cn.yaml",
      "--from",
      "2025-01-24T18:30:00+08:00",
      "--minutes",
      "240",
    ]);
    expect(mods.has("src/clock")).toBe(true);
    expect(HEAVY.filter((m) => mods.has(m))).toEqual([]);
  });

  it("review loads review and ingest, not the store or the server", () => {
    const mods = loaded(["review", "examples/suyu-ai-support-zh.txt"]);
    expect(mods.has("src/review") && mods.has("src/ingest")).toBe(true);
    expect(["src/store", "src/server", "src/probes", "fastify"].filter((m) => mods.has(m))).toEqual([]);
  });

  it("review of a text file loads no PDF, DOCX or email parser and no worker pool", () => {
    const mods = loaded(["review", "examples/suyu-ai-support-zh.txt"]);
    expect(["mammoth", "unpdf", "mailparser", "piscina", "src/sandbox"].filter((m) => mods.has(m))).toEqual(
      [],
    );
  });

  it("a built server has not loaded the chart, PDF, password-strength, email or document parsers", () => {
    // Each is loaded on its first use (a report, a new password, an alert email, an upload): an API
    // replica that never uses them does not carry them in its heap, which every GC marks.
    const mods = loaded([], serverEntry);
    expect(mods.has("fastify") && mods.has("src/tickets")).toBe(true);
    const lazy = ["echarts", "pdfkit", "svg-to-pdfkit", "@zxcvbn-ts/core", "@zxcvbn-ts/language-common"];
    const onFirstUse = [...lazy, "nodemailer", "mammoth", "unpdf", "mailparser"];
    expect(onFirstUse.filter((m) => mods.has(m))).toEqual([]);
  }, 60_000);
});
