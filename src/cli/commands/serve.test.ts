import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertProbe, putSecret, SECRET_KEY_FILE, startFakeVendor } from "../../probes/index.js";
import { createUser, createWorkspace } from "../../server/index.js";
import { migratedTemplate } from "../../store/testing.js";
import { memoryIo } from "../io.js";
import { main } from "../main.js";
import { startServe } from "./serve.js";

const dir = mkdtempSync(join(tmpdir(), "termsight-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A data folder from the migrated template, so the test does not wait for initdb.
beforeAll(async () => {
  const client = await PGlite.create(join(dir, "data"), { loadDataDir: await migratedTemplate() });
  await client.close();
});

describe("termsight serve", () => {
  it("says it is creating the database before a first start does it", async () => {
    const io = memoryIo("", dir);
    io.env = { ...io.env, DATABASE_URL: "" };
    const server = await startServe(["--port", "0", "--data", "fresh", "--no-demo", "--no-jobs"], io);
    try {
      expect(io.err.split("\n")[0]).toMatch(/^termsight: first start: creating the database in \S+fresh/);
    } finally {
      await server.close();
    }
  }, 120_000);
  it("starts on a free port, prints the one-time setup link and serves the API", async () => {
    const io = memoryIo("", dir);
    io.env = { ...io.env, DATABASE_URL: "" };
    const server = await startServe(["--port", "0", "--data", "data", "--no-demo"], io);
    try {
      expect(io.err).toMatch(/http:\/\/localhost:\d+\/setup\?token=\S+/);
      // the folder exists (made from the template): no "first start" line, and it opens fast
      expect(io.err).not.toContain("first start: creating");
      expect(io.err.indexOf("starting the web server")).toBeLessThan(io.err.indexOf("listening on"));
      const res = await fetch(`${server.url}/api/v1/setup`);
      expect(await res.json()).toEqual({ needed: true });
      const home = await fetch(`${server.url}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get("content-type")).toContain("text/html");
    } finally {
      await server.close();
    }
  });

  it("a second server on the same data folder refuses with one line naming the folder and the holder", async () => {
    const io = memoryIo("", dir);
    io.env = { ...io.env, DATABASE_URL: "" };
    const first = await startServe(["--port", "0", "--data", "data", "--no-demo", "--no-jobs"], io);
    try {
      const second = memoryIo("", dir);
      second.env = { ...second.env, DATABASE_URL: "" };
      const code = await main(["serve", "--port", "0", "--data", "data", "--no-demo", "--no-jobs"], second);
      expect(code).toBe(2);
      expect(second.err.trim().split("\n")).toHaveLength(1);
      expect(second.err).toContain(`process ${process.pid}`);
      expect(second.err).toContain("data");
    } finally {
      await first.close();
    }
  });

  it("refuses while another process holds the folder, naming the folder and that process's PID", async () => {
    // the holder is another process (as a second `termsight serve` would meet a first one)
    const lockModule = new URL("../../store/folder-lock.ts", import.meta.url).href;
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const { lockDataFolder } = await import(${JSON.stringify(lockModule)});
         lockDataFolder(${JSON.stringify(join(dir, "data"))}); process.stdout.write("locked\\n"); setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout?.on("data", (d) => String(d).includes("locked") && resolve());
        holder.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
      });
      const io = memoryIo("", dir);
      io.env = { ...io.env, DATABASE_URL: "" };
      const code = await main(["serve", "--port", "0", "--data", "data", "--no-demo", "--no-jobs"], io);
      expect(code).toBe(2);
      const lines = io.err.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(join(dir, "data"));
      expect(lines[0]).toContain(`process ${holder.pid} `);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((r) => holder.once("exit", r));
    }
    // the holder is gone: its lock is stale and the next start takes the folder over
    const io = memoryIo("", dir);
    io.env = { ...io.env, DATABASE_URL: "" };
    const server = await startServe(["--port", "0", "--data", "data", "--no-demo", "--no-jobs"], io);
    await server.close();
  }, 120_000);

  it("refuses a bad port", async () => {
    await expect(startServe(["--port", "http"], memoryIo("", dir))).rejects.toMatchObject({ code: "INPUT" });
  });
});

describe("termsight serve background jobs", () => {
  const start = (args: string[], env: Record<string, string | undefined> = {}) => {
    const io = memoryIo("", dir);
    io.env = { ...io.env, DATABASE_URL: "", ...env };
    return {
      io,
      server: startServe(["--port", "0", "--data", "data", "--no-demo", ...args], io, {
        jobs: { random: () => 0 },
      }),
    };
  };

  it("runs the stored probes of --region against TERMSIGHT_PROBE_ALLOW targets and stops on close", async () => {
    const vendor = await startFakeVendor();
    const { io, server: pending } = start(["--region", "fra"], { TERMSIGHT_PROBE_ALLOW: "127.0.0.1" });
    const server = await pending;
    try {
      expect(server.jobs).not.toBeNull();
      expect(io.err).toContain('region "fra"');
      const db = server.store.db;
      const user = await createUser(db, {
        email: "serve-jobs@acme.test",
        name: "S",
        password: "correct horse battery",
      });
      const ws = await createWorkspace(db, { name: "Acme", adminId: user.id });
      const probe = await insertProbe(db, {
        workspaceId: ws.id,
        vendorId: null,
        createdBy: null,
        probe: { url: `${vendor.url}/health`, interval_s: 3600, timeout_ms: 2000, regions: ["fra"] },
        now: new Date(),
      });
      expect(await server.jobs?.probes.refresh()).toBe(1);
      const samples = () =>
        db.selectFrom("probe_samples").selectAll().where("probe_id", "=", probe.id).execute();
      for (let i = 0; i < 500 && (await samples()).length === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(await samples()).toMatchObject([{ region: "fra", ok: true }]);
    } finally {
      await server.close();
      await vendor.close();
    }
    // closed: the jobs no longer read the (closed) store
    expect(await server.jobs?.probes.refresh()).toBe(0);
  });

  it("scheduled probes get only --probe-env variables and their workspace's secrets, never the server's environment", async () => {
    const received: string[] = [];
    const target = createServer((req, res) => {
      received.push(`${req.url} ${JSON.stringify(req.headers)}`);
      res.end("ok");
    });
    await new Promise<void>((done) => target.listen(0, "127.0.0.1", done));
    const url = `http://127.0.0.1:${(target.address() as { port: number }).port}`;
    const leaked = `leak-${randomBytes(6).toString("hex")}`;
    const allowed = `allowed-${randomBytes(6).toString("hex")}`;
    const stored = `stored-${randomBytes(6).toString("hex")}`;
    const { server: pending } = start(["--region", "envtest", "--probe-env", "PROBE_OK"], {
      TERMSIGHT_PROBE_ALLOW: "127.0.0.1",
      SECRET_API_KEY: leaked,
      PROBE_OK: allowed,
    });
    const server = await pending;
    try {
      expect(statSync(join(dir, "data", SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
      const db = server.store.db;
      const user = await createUser(db, {
        email: "serve-env@acme.test",
        name: "E",
        password: "correct horse battery",
      });
      const ws = await createWorkspace(db, { name: "Env", adminId: user.id });
      await putSecret(db, server.app.secretBox, {
        workspaceId: ws.id,
        name: "S",
        value: stored,
        actorId: null,
        now: new Date(),
      });
      const ph = (scope: string, name: string) => ["$", `{${scope}:${name}}`].join("");
      for (const [path, header] of [
        ["leak", ph("env", "SECRET_API_KEY")],
        ["ok", ph("env", "PROBE_OK")],
        ["secret", ph("secret", "S")],
      ])
        await insertProbe(db, {
          workspaceId: ws.id,
          vendorId: null,
          createdBy: null,
          probe: {
            url: `${url}/${path}`,
            interval_s: 3600,
            timeout_ms: 2000,
            regions: ["envtest"],
            config: { headers: { "x-k": header } },
          },
          now: new Date(),
        });
      expect(await server.jobs?.probes.refresh()).toBe(3);
      for (let i = 0; i < 500 && (server.jobs?.probes.stats().completed ?? 0) < 3; i++)
        await new Promise((r) => setTimeout(r, 10));
      const all = received.join("\n");
      expect(all).toContain(allowed);
      expect(all).toContain(stored);
      expect(all).not.toContain(leaked);
      expect(received.some((r) => r.startsWith("/leak"))).toBe(false);
    } finally {
      await server.close();
      await new Promise((done) => target.close(done));
    }
  });

  it("--no-jobs starts no background jobs", async () => {
    const server = await start(["--no-jobs"]).server;
    try {
      expect(server.jobs).toBeNull();
    } finally {
      await server.close();
    }
  });

  it.each([
    { name: "a bad --region", args: ["--region", "a b"], env: {}, field: "--region" },
    {
      name: "a bad TERMSIGHT_PROBE_ALLOW",
      args: [],
      env: { TERMSIGHT_PROBE_ALLOW: "http://x/" },
      field: "TERMSIGHT_PROBE_ALLOW",
    },
  ])("refuses $name", async ({ args, env, field }) => {
    await expect(start(args, env).server).rejects.toMatchObject({
      code: "INPUT",
      message: expect.stringContaining(field),
    });
  });
});
