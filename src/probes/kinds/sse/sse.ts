import { z } from "zod";
import { ProbeFailure } from "../../probe-failure.js";
import { guardedRequest, readCappedBody } from "../http/guarded-request.js";
import { type ProbeKind, roundMs, sinceStart } from "../kind.js";
import { SseParser } from "./sse-parser.js";

const DEFAULT_BODY = JSON.stringify({
  model: "gpt-4o-mini",
  stream: true,
  max_tokens: 16,
  messages: [{ role: "user", content: "Say OK." }],
});

export const SseConfig = z.object({
  url: z.string().refine((u) => /^https?:\/\/[^/]/i.test(u), "must be an http:// or https:// url"),
  method: z.enum(["GET", "POST"]).default("POST"),
  headers: z.record(z.string(), z.string()).default({}),
  /** Request body; the default is a tiny OpenAI-compatible streaming chat completion. */
  body: z.string().nullable().default(DEFAULT_BODY),
  expect_status: z.array(z.number().int()).default([200]),
  /** A stream that ends without `data: [DONE]` counts as dropped. */
  require_done: z.boolean().default(true),
  /** Malformed events tolerated before the sample fails. */
  max_malformed: z.number().int().min(0).default(0),
  max_body_bytes: z
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  degraded_statuses: z.array(z.number().int()).default([429]),
  follow_redirects: z.number().int().min(0).max(20).default(0),
  insecure: z.boolean().default(false),
});
export type SseConfig = z.infer<typeof SseConfig>;

/** Streaming chat completion: time to first token, tokens/s, total, stream errors. */
export const sse: ProbeKind<SseConfig> = {
  name: "sse",
  configSchema: SseConfig,
  async run(config, ctx) {
    const headers = {
      accept: "text/event-stream",
      ...(config.body ? { "content-type": "application/json" } : {}),
    };
    const { response } = await guardedRequest(
      {
        url: config.url,
        method: config.method,
        headers: { ...headers, ...config.headers },
        body: config.method === "GET" ? null : config.body,
        maxRedirects: config.follow_redirects,
        insecure: config.insecure,
      },
      ctx,
    );
    const status = response.statusCode ?? 0;
    if (config.degraded_statuses.includes(status)) {
      response.resume();
      ctx.timings.total = sinceStart(ctx);
      return { ok: false, degraded: true, status, error: `degraded: status ${status}` };
    }
    if (!config.expect_status.includes(status)) {
      await readCappedBody(response, 64 * 1024).catch(() => Buffer.alloc(0));
      ctx.timings.total = sinceStart(ctx);
      return {
        ok: false,
        status,
        error: `unexpected status ${status} (expected ${config.expect_status.join(", ")})`,
      };
    }
    let firstTokenAt: number | null = null;
    const parser = new SseParser(() => {
      if (firstTokenAt === null) {
        firstTokenAt = ctx.now();
        ctx.timings.first_token = sinceStart(ctx);
      }
    });
    let bytes = 0;
    try {
      await readCappedBody(response, Math.min(config.max_body_bytes, ctx.maxBodyBytes), (chunk) => {
        bytes += chunk.length;
        parser.push(chunk);
      });
    } catch (err) {
      const tally = parser.end();
      fillMetrics(ctx, tally.tokens, tally.malformed + tally.streamErrors, bytes, firstTokenAt);
      const reason = err instanceof ProbeFailure ? err.message : String((err as Error)?.message ?? err);
      throw new ProbeFailure(`stream dropped after ${tally.tokens} tokens: ${reason}`, status);
    }
    const tally = parser.end();
    ctx.timings.total = sinceStart(ctx);
    fillMetrics(ctx, tally.tokens, tally.malformed + tally.streamErrors, bytes, firstTokenAt);
    return { ok: streamFailure(config, tally) === null, status, error: streamFailure(config, tally) };
  },
};

function fillMetrics(
  ctx: Parameters<ProbeKind["run"]>[1],
  tokens: number,
  errors: number,
  bytes: number,
  firstTokenAt: number | null,
) {
  ctx.metrics.tokens = tokens;
  ctx.metrics.stream_errors = errors;
  ctx.metrics.body_bytes = bytes;
  const seconds = firstTokenAt === null ? 0 : (ctx.now() - firstTokenAt) / 1000;
  ctx.metrics.tokens_per_s = tokens > 1 && seconds > 0 ? roundMs((tokens - 1) / seconds) : null;
}

function streamFailure(config: SseConfig, tally: SseParser["tally"]): string | null {
  if (tally.streamErrors > 0) return `stream error: ${tally.firstError}`;
  if (tally.malformed > config.max_malformed)
    return `malformed stream: ${tally.malformed} malformed event(s)`;
  if (config.require_done && !tally.done) return `stream ended without [DONE] after ${tally.tokens} tokens`;
  if (tally.tokens === 0) return "stream carried no tokens";
  return null;
}
