import { InputError } from "../errors/index.js";

/** Opaque keyset cursor over (created_at, id), newest first: shared by the list verbs and the list routes. */
export function encodeListCursor(at: Date | string, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString("base64url");
}

export function decodeListCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad");
    return { at: date, id };
  } catch {
    throw new InputError("query.cursor", "not a cursor returned by this list");
  }
}
