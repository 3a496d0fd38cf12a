import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/index.js";
import { memoryIo } from "../io.js";
import { main } from "../main.js";

describe("termsight export / import", () => {
  const dir = mkdtempSync(join(tmpdir(), "termsight-cli-archive-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exports a data folder and imports it into an empty one; refuses a non-empty one (exit 2)", async () => {
    const store = await openStore({ dataDir: join(dir, "a") });
    await store.db.insertInto("workspaces").values({ id: "w1", name: "Acme" }).execute();
    await store.close();

    const io = memoryIo("", dir);
    io.env.DATABASE_URL = "";
    expect(await main(["export", "--out", "x.zip", "--data", "a"], io)).toBe(0);
    expect(existsSync(join(dir, "x.zip"))).toBe(true);
    expect(JSON.parse(io.out).counts.workspaces).toBe(1);

    const io2 = memoryIo("", dir);
    io2.env.DATABASE_URL = "";
    expect(await main(["import", "x.zip", "--data", "b"], io2)).toBe(0);
    expect(JSON.parse(io2.out).counts.workspaces).toBe(1);
    const restored = await openStore({ dataDir: join(dir, "b") });
    expect(await restored.db.selectFrom("workspaces").select(["id", "name"]).execute()).toEqual([
      { id: "w1", name: "Acme" },
    ]);
    await restored.close();

    const io3 = memoryIo("", dir);
    io3.env.DATABASE_URL = "";
    expect(await main(["import", "x.zip", "--data", "b"], io3)).toBe(2);
    expect(io3.err).toMatch(/empty instance/);
  }, 240_000);

  it("exit 2 on bad usage or a bad archive", async () => {
    writeFileSync(join(dir, "junk.zip"), "junk");
    const cases: string[][] = [
      ["export"],
      ["import"],
      ["import", "missing.zip"],
      ["import", "junk.zip", "--data", "c"],
    ];
    for (const args of cases) {
      const io = memoryIo("", dir);
      io.env.DATABASE_URL = "";
      expect(await main(args, io)).toBe(2);
      expect(io.err).toMatch(/^termsight (export|import): /);
    }
  }, 120_000);
});
