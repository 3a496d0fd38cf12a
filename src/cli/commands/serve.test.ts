import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratedTemplate } from "../../store/testing.js";
import { memoryIo } from "../io.js";
import { startServe } from "./serve.js";

const dir = mkdtempSync(join(tmpdir(), "termsight-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A data folder from the migrated template, so the test does not wait for initdb.
beforeAll(async () => {
  const client = await PGlite.create(join(dir, "data"), { loadDataDir: await migratedTemplate() });
  await client.close();
});

describe("termsight serve", () => {
  it("starts on a free port, prints the one-time setup link and serves the API", async () => {
    const io = memoryIo("", dir);
    io.env = { ...io.env, DATABASE_URL: "" };
    const server = await startServe(["--port", "0", "--data", "data", "--no-demo"], io);
    try {
      expect(io.err).toMatch(/http:\/\/localhost:\d+\/setup\?token=\S+/);
      const res = await fetch(`${server.url}/api/v1/setup`);
      expect(await res.json()).toEqual({ needed: true });
      const home = await fetch(`${server.url}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get("content-type")).toContain("text/html");
    } finally {
      await server.close();
    }
  });

  it("refuses a bad port", async () => {
    await expect(startServe(["--port", "http"], memoryIo("", dir))).rejects.toMatchObject({ code: "INPUT" });
  });
});
