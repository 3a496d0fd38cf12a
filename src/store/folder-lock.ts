import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { TermsightError } from "../errors/index.js";

/** The lock file inside a PGlite data folder (like PostgreSQL's own postmaster.pid). */
export const LOCK_FILE = "termsight.lock";

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface FolderLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, "utf8")) as Partial<LockOwner>;
    if (typeof owner.pid === "number" && typeof owner.host === "string")
      return { pid: owner.pid, host: owner.host, since: String(owner.since ?? "") };
  } catch {
    // unreadable or half-written: treated as held by an unknown owner below
  }
  return null;
}

/**
 * Takes the data folder for this process. PGlite is one PostgreSQL backend with no lock of its
 * own: two processes on one folder both accept writes and lose each other's. A lock left by a
 * process of this host that no longer runs is taken over; one of another host is never guessed
 * stale (the folder may be on a shared disk).
 */
export function lockDataFolder(dataDir: string): FolderLock {
  const path = join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new TermsightError(
          "INPUT",
          `${dataDir}: cannot lock the data folder (${(err as NodeJS.ErrnoException).code ?? "error"})`,
          { cause: err },
        );
      }
      const owner = readOwner(path);
      const stale = owner !== null && owner.host === me.host && owner.pid !== me.pid && !isAlive(owner.pid);
      if (stale && attempt === 0) {
        try {
          unlinkSync(path);
        } catch {
          // another process took it over first; the next attempt sees its lock
        }
        continue;
      }
      const who = owner ? `process ${owner.pid} on ${owner.host} since ${owner.since}` : "another process";
      throw new TermsightError(
        "CONFLICT",
        `${dataDir}: the data folder is in use by ${who}; stop it, or use another --data folder ` +
          `(if that process is gone for good, delete ${path})`,
      );
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        const owner = readOwner(path);
        if (owner?.pid === me.pid && owner.host === me.host) {
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        }
      },
    };
  }
  throw new TermsightError("CONFLICT", `${dataDir}: the data folder is in use by another process`);
}
