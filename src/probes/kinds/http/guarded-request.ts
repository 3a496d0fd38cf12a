import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { ProbeFailure } from "../../probe-failure.js";
import { pinnedLookup, resolveGuarded } from "../../ssrf-guard.js";
import { type ProbeContext, roundMs, sinceStart } from "../kind.js";

export interface GuardedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  /** Redirects to follow (each one resolved and checked again); 0 returns the 3xx itself. */
  maxRedirects: number;
  /** Skip certificate verification (self-signed test servers only). */
  insecure?: boolean;
}

export interface GuardedResponse {
  response: IncomingMessage;
  finalUrl: string;
  redirects: number;
}

function portOf(u: URL): number {
  return u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
}

/** One hop: resolve + check, connect to the checked address, fill dns/connect/tls/first_byte. */
async function requestOnce(url: URL, req: GuardedRequest, ctx: ProbeContext): Promise<IncomingMessage> {
  const target = await resolveGuarded(url.hostname, ctx.allow, { resolver: ctx.resolver, now: ctx.now });
  ctx.timings.dns = target.dnsMs === 0 ? null : roundMs(target.dnsMs);
  ctx.signal.throwIfAborted();
  const secure = url.protocol === "https:";
  const lib = secure ? https : http;
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const connectStart = ctx.now();
    const request = lib.request({
      protocol: url.protocol,
      hostname,
      port: portOf(url),
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers: { "user-agent": "termsight-probe/0.1", ...req.headers },
      lookup: pinnedLookup(target) as never,
      agent: false,
      signal: ctx.signal,
      ...(secure
        ? {
            servername: /^[\d.]+$|:/.test(hostname) ? undefined : hostname,
            rejectUnauthorized: !req.insecure,
          }
        : {}),
    });
    request.on("socket", (socket) => {
      socket.once("connect", () => {
        ctx.timings.connect = roundMs(ctx.now() - connectStart);
      });
      if (secure) {
        (socket as TLSSocket).once("secureConnect", () => {
          if (ctx.timings.connect !== null)
            ctx.timings.tls = roundMs(ctx.now() - connectStart - ctx.timings.connect);
        });
      }
    });
    request.once("response", (response) => {
      ctx.timings.first_byte = sinceStart(ctx);
      resolve(response);
    });
    request.once("error", reject);
    request.end(req.body ?? undefined);
  });
}

/** Sends the request through the SSRF guard, following up to `maxRedirects` redirects (each re-checked). */
export async function guardedRequest(req: GuardedRequest, ctx: ProbeContext): Promise<GuardedResponse> {
  let url = parseHttpUrl(req.url);
  let current = req;
  for (let redirects = 0; ; redirects++) {
    const response = await requestOnce(url, current, ctx);
    const location = response.headers.location;
    const isRedirect =
      response.statusCode !== undefined && response.statusCode >= 300 && response.statusCode < 400;
    if (!isRedirect || !location || req.maxRedirects === 0)
      return { response, finalUrl: url.toString(), redirects };
    response.resume();
    if (redirects >= req.maxRedirects)
      throw new ProbeFailure(`too many redirects (more than ${req.maxRedirects})`, response.statusCode);
    url = parseHttpUrl(new URL(location, url).toString());
    const keepBody = response.statusCode === 307 || response.statusCode === 308;
    current = { ...current, method: keepBody ? current.method : "GET", body: keepBody ? current.body : null };
  }
}

export function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ProbeFailure("url is not a valid absolute url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ProbeFailure(`unsupported scheme ${url.protocol}`);
  return url;
}

/** Reads a body up to `maxBytes`, aborting the connection past the cap; `onChunk` sees every chunk as it arrives. */
export function readCappedBody(
  response: IncomingMessage,
  maxBytes: number,
  onChunk?: (chunk: Buffer) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      response.destroy();
      reject(err);
    };
    const closedEarly = () =>
      new ProbeFailure("connection closed before the body ended", response.statusCode ?? null);
    response.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes)
        return fail(
          new ProbeFailure(`body larger than ${maxBytes} bytes (aborted)`, response.statusCode ?? null),
        );
      chunks.push(chunk);
      onChunk?.(chunk);
    });
    response.once("end", () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    response.once("error", (err) => fail(err));
    response.once("aborted", () => fail(closedEarly()));
    response.once("close", () => {
      if (!response.complete) fail(closedEarly());
    });
  });
}
