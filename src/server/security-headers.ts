import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * The web UI's policy: its own scripts only (the Vite build has no inline script), styles from
 * its own files plus inline style attributes (charts set them), no framing by another site.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * HTML that Termsight generates from stored data (claim letters, review pages, reports) or that
 * a user uploaded: shown as a document with no script and a unique origin, so nothing in it can
 * act as the signed-in user even if escaping failed somewhere.
 */
export const SANDBOX_CSP =
  "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'";

/** API answers (JSON, files): nothing to load, nothing to frame. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Swagger UI sets its own hashed-script policy; framing is refused and nothing is upgraded to https. */
export function swaggerCsp(header: string): string {
  return header
    .replace(/frame-ancestors [^;]*;?/, "frame-ancestors 'none';")
    .replace(/\s*upgrade-insecure-requests;?/, "");
}

/** onSend: the headers every answer carries, and the CSP that fits what it is. */
export async function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header("x-content-type-options", "nosniff");
  reply.header("referrer-policy", "no-referrer");
  reply.header("x-frame-options", "DENY");
  reply.header("cross-origin-opener-policy", "same-origin");
  if (reply.hasHeader("content-security-policy")) return;
  const type = String(reply.getHeader("content-type") ?? "");
  const path = request.url.split("?")[0] ?? "";
  const isApi = path.startsWith("/api/");
  if (type.startsWith("text/html") || type.startsWith("image/svg")) {
    reply.header("content-security-policy", isApi ? SANDBOX_CSP : APP_CSP);
  } else if (isApi) {
    reply.header("content-security-policy", API_CSP);
  } else {
    reply.header("content-security-policy", APP_CSP);
  }
}
