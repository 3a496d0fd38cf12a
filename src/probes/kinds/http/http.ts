import { z } from "zod";
import { ProbeFailure } from "../../probe-failure.js";
import { type ProbeKind, sinceStart } from "../kind.js";
import { checkHttpExpectations, HttpExpect } from "./assertions.js";
import { guardedRequest, readCappedBody } from "./guarded-request.js";

export const HttpConfig = z.object({
  url: z.string().refine((u) => /^https?:\/\/[^/]/i.test(u), "must be an http:// or https:// url"),
  method: z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]).default("GET"),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().nullable().default(null),
  expect: HttpExpect,
  follow_redirects: z.number().int().min(0).max(20).default(5),
  max_body_bytes: z
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** Statuses that mean "answered but throttled": counted as degraded, not down. */
  degraded_statuses: z.array(z.number().int()).default([429]),
  insecure: z.boolean().default(false),
});
export type HttpConfig = z.infer<typeof HttpConfig>;

/** HTTP(S) with a timing breakdown and assertions on status, JSON path and body. */
export const http: ProbeKind<HttpConfig> = {
  name: "http",
  configSchema: HttpConfig,
  async run(config, ctx) {
    const { response, redirects } = await guardedRequest(
      {
        url: config.url,
        method: config.method,
        headers: config.headers,
        body: config.body,
        maxRedirects: config.follow_redirects,
        insecure: config.insecure,
      },
      ctx,
    );
    ctx.metrics.redirects = redirects;
    const status = response.statusCode ?? 0;
    const body = await readCappedBody(response, Math.min(config.max_body_bytes, ctx.maxBodyBytes)).catch(
      (err) => {
        throw err instanceof ProbeFailure ? err : new ProbeFailure(String(err?.message ?? err), status);
      },
    );
    ctx.metrics.body_bytes = body.length;
    ctx.timings.total = sinceStart(ctx);
    if (config.degraded_statuses.includes(status)) {
      return { ok: false, degraded: true, status, error: `degraded: status ${status}` };
    }
    const failure = checkHttpExpectations(config.expect, status, body.toString("utf8"));
    return { ok: failure === null, status, error: failure };
  },
};
