import { createHash } from "node:crypto";
import type { WatchDeclaration } from "./watch-declaration.js";

/** A fixed offset per watch in [0, jitter): stable across restarts and servers, spread across watches. */
export function jitterMs(watchId: string, jitterMinutes: number): number {
  if (jitterMinutes <= 0) return 0;
  const n = createHash("sha256").update(watchId).digest().readUInt32BE(0);
  return (n % (jitterMinutes * 60)) * 1000;
}

/** When a watch is next due after a fetch at `from`. */
export function nextDueAt(watchId: string, schedule: WatchDeclaration["schedule"], from: Date): Date {
  return new Date(
    from.getTime() + schedule.every_hours * 3_600_000 + jitterMs(watchId, schedule.jitter_minutes),
  );
}
