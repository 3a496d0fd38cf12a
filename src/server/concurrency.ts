import type { FastifyReply, FastifyRequest } from "fastify";
import { InputError } from "../errors/index.js";

/**
 * The version a client expects to update: `If-Match: "3"` (or `W/"3"`), else `version` in the
 * body, else null (no check). A stale version answers 409 in the route's update.
 */
export function expectedVersion(request: FastifyRequest, bodyVersion?: number | null): number | null {
  const header = request.headers["if-match"];
  if (typeof header === "string" && header.trim() !== "" && header.trim() !== "*") {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
    if (!match) throw new InputError("header if-match", `expected "<version>", got ${header}`);
    return Number(match[1]);
  }
  return bodyVersion ?? null;
}

/** Sets `ETag: "<version>"` so clients can send it back as If-Match. */
export function setVersionTag(reply: FastifyReply, version: number): void {
  reply.header("etag", `"${version}"`);
}
