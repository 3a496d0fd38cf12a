import {
  type Allowlist,
  EMPTY_ALLOWLIST,
  emptyMetrics,
  emptyTimings,
  guardedRequest,
  isBlockedTargetError,
  parseAllowlist,
  type Resolver,
  readCappedBody,
} from "../probes/index.js";

/** Identifies the fetcher to vendors' sites, with where to read about it. */
export const WATCH_USER_AGENT = "Mozilla/5.0 (compatible; Termsight-Watch/0.1; +https://termsight.dev/watch)";

export interface FetchOptions {
  allow: Allowlist;
  resolver?: Resolver;
  timeoutMs?: number;
  maxBytes?: number;
  /** Sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
}

export type FetchedPage =
  | {
      kind: "ok";
      status: number;
      body: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    }
  | { kind: "not_modified"; status: 304; etag: string | null; lastModified: string | null }
  | { kind: "failed"; status: number | null; error: string; blocked: boolean };

export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024;

function header(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** GETs a vendor's page through the probes' SSRF-guarded client (each redirect re-checked), conditionally. */
export async function fetchPage(url: string, opts: FetchOptions): Promise<FetchedPage> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = {
    "user-agent": WATCH_USER_AGENT,
    accept: opts.accept ?? "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
  };
  if (opts.etag) headers["if-none-match"] = opts.etag;
  if (opts.lastModified) headers["if-modified-since"] = opts.lastModified;
  const ctx = {
    allow: opts.allow,
    timeoutMs,
    signal,
    now: () => performance.now(),
    startedAt: performance.now(),
    timings: emptyTimings(),
    metrics: emptyMetrics(),
    maxBodyBytes: opts.maxBytes ?? DEFAULT_MAX_PAGE_BYTES,
    resolver: opts.resolver,
  };
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => {});
  try {
    return await Promise.race([
      (async (): Promise<FetchedPage> => {
        const { response } = await guardedRequest(
          { url, method: "GET", headers, body: null, maxRedirects: 5 },
          ctx,
        );
        const status = response.statusCode ?? 0;
        const etag = header(response.headers.etag);
        const lastModified = header(response.headers["last-modified"]);
        if (status === 304) {
          response.resume();
          return { kind: "not_modified", status: 304, etag, lastModified };
        }
        if (status < 200 || status >= 300) {
          response.resume();
          return { kind: "failed", status, error: `http status ${status}`, blocked: false };
        }
        const body = await readCappedBody(response, ctx.maxBodyBytes);
        return {
          kind: "ok",
          status,
          body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
          contentType: header(response.headers["content-type"]),
          etag,
          lastModified,
        };
      })(),
      aborted,
    ]);
  } catch (err) {
    const blocked = isBlockedTargetError(err);
    const timedOut = !blocked && signal.aborted;
    const e = err as NodeJS.ErrnoException;
    const error = timedOut
      ? `timeout after ${timeoutMs} ms`
      : e?.code === "ECONNREFUSED"
        ? "connection refused"
        : (e?.message ?? String(err)).split("\n")[0].toLowerCase();
    return { kind: "failed", status: null, error, blocked };
  }
}

/**
 * The operator's allowlist for watched pages and status feeds (`TERMSIGHT_WATCH_ALLOW`, comma
 * separated hosts/CIDRs, like the probes' --allow); empty by default, so private addresses are refused.
 */
export function watchFetchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): { allow: Allowlist } {
  const raw = env.TERMSIGHT_WATCH_ALLOW;
  return { allow: raw ? parseAllowlist(raw.split(","), "TERMSIGHT_WATCH_ALLOW") : EMPTY_ALLOWLIST };
}
