import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ProbeSample } from "../sample.js";

/** A batch waiting to be delivered; `sent_at` is added at each send attempt. */
export interface PendingBatch {
  batch_id: string;
  region: string;
  created_at: string;
  samples: ProbeSample[];
}

/** A time-sortable batch id: base-36 milliseconds, then a UUID. */
export function newBatchId(now: Date): string {
  return `${now.getTime().toString(36).padStart(9, "0")}-${randomUUID()}`;
}

/**
 * Batches on disk until the server acknowledged them: one JSON file per batch, written to a temp
 * name and renamed (a crash never leaves half a batch). Survives restarts; read back in id order.
 */
export class DiskBuffer {
  constructor(readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(join(this.dir, "rejected"), { recursive: true });
  }

  async put(batch: PendingBatch): Promise<void> {
    const file = join(this.dir, `${batch.batch_id}.json`);
    await writeFile(`${file}.tmp`, JSON.stringify(batch));
    await rename(`${file}.tmp`, file);
  }

  /** Pending batch ids, oldest first. */
  async list(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names
      .filter((n) => n.endsWith(".json"))
      .map((n) => n.slice(0, -5))
      .sort();
  }

  async read(id: string): Promise<PendingBatch | null> {
    try {
      return JSON.parse(await readFile(join(this.dir, `${id}.json`), "utf8")) as PendingBatch;
    } catch {
      return null;
    }
  }

  async remove(id: string): Promise<void> {
    await rm(join(this.dir, `${id}.json`), { force: true });
  }

  /** Moves a batch the server refused as malformed aside, so it does not block the queue (kept for inspection). */
  async reject(id: string): Promise<void> {
    await rename(join(this.dir, `${id}.json`), join(this.dir, "rejected", `${id}.json`)).catch(() => {});
  }
}
