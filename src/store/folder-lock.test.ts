import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LOCK_FILE, lockDataFolder } from "./folder-lock.js";
import { openStore } from "./index.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ts-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("data folder lock", () => {
  it("refuses a second store on the same PGlite folder until the first closes", async () => {
    const dataDir = tempDir();
    const first = await openStore({ dataDir });
    await expect(openStore({ dataDir })).rejects.toMatchObject({ code: "CONFLICT" });
    // the refused open changed nothing: the first store still works
    await expect(first.db.selectFrom("workspaces").select("id").execute()).resolves.toEqual([]);
    await first.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    const again = await openStore({ dataDir });
    await again.close();
  });

  it("takes over a lock left by a process of this host that has exited", () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname() }));
    const lock = lockDataFolder(dir);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("never guesses that another host's lock is stale", () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: "some-other-host" }));
    expect(() => lockDataFolder(dir)).toThrow(/in use by process \d+ on some-other-host/);
  });

  it("treats an unreadable lock file as held", () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), "{half");
    expect(() => lockDataFolder(dir)).toThrow(/in use by another process/);
  });
});
