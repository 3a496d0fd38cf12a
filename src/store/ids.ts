import { randomUUID } from "node:crypto";

/** A new text id (UUID v4). */
export function newId(): string {
  return randomUUID();
}
