import WebSocket from "ws";
import { z } from "zod";
import { ProbeFailure } from "../../probe-failure.js";
import { pinnedLookup, resolveGuarded } from "../../ssrf-guard.js";
import { type ProbeKind, roundMs, sinceStart } from "../kind.js";

export const WsConfig = z.object({
  url: z.string().refine((u) => /^wss?:\/\//i.test(u), "must be a ws:// or wss:// url"),
  headers: z.record(z.string(), z.string()).default({}),
  protocols: z.array(z.string()).default([]),
  /** Sent once the connection is open (e.g. a signalling "join"); null sends nothing and waits for the server. */
  send: z.string().nullable().default('{"type":"ping"}'),
  expect_message: z.boolean().default(true),
  expect_contains: z.string().nullable().default(null),
  insecure: z.boolean().default(false),
});
export type WsConfig = z.infer<typeof WsConfig>;

/** WebSocket (real-time voice/RTC signalling): connect time and first-message latency. */
export const ws: ProbeKind<WsConfig> = {
  name: "ws",
  configSchema: WsConfig,
  async run(config, ctx) {
    const url = new URL(config.url);
    const target = await resolveGuarded(url.hostname, ctx.allow, { resolver: ctx.resolver, now: ctx.now });
    ctx.timings.dns = target.dnsMs === 0 ? null : roundMs(target.dnsMs);
    ctx.signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const connectStart = ctx.now();
      const socket = new WebSocket(config.url, config.protocols, {
        headers: config.headers,
        lookup: pinnedLookup(target) as never,
        followRedirects: false,
        handshakeTimeout: ctx.timeoutMs,
        rejectUnauthorized: !config.insecure,
        perMessageDeflate: false,
        maxPayload: 1024 * 1024,
      });
      let sentAt = 0;
      let settled = false;
      const finish = (outcome: { ok: boolean; error: string | null; status: number | null } | Error) => {
        if (settled) return;
        settled = true;
        ctx.signal.removeEventListener("abort", onAbort);
        ctx.timings.total = sinceStart(ctx);
        socket.removeAllListeners();
        socket.on("error", () => {});
        socket.terminate();
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const onAbort = () =>
        finish(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error("aborted"));
      ctx.signal.addEventListener("abort", onAbort, { once: true });
      socket.once("upgrade", () => {
        ctx.timings.first_byte = sinceStart(ctx);
      });
      socket.once("unexpected-response", (_req, res) => {
        res.resume();
        finish({
          ok: false,
          status: res.statusCode ?? null,
          error: `websocket upgrade refused with status ${res.statusCode}`,
        });
      });
      socket.once("error", (err) => finish(err));
      socket.once("close", (code) =>
        finish(new ProbeFailure(`connection closed (code ${code}) before a message`, 101)),
      );
      socket.once("open", () => {
        ctx.timings.connect = roundMs(ctx.now() - connectStart);
        sentAt = ctx.now();
        if (config.send !== null) socket.send(config.send);
        if (!config.expect_message) finish({ ok: true, status: 101, error: null });
      });
      socket.once("message", (data) => {
        ctx.metrics.first_message_ms = roundMs(ctx.now() - sentAt);
        const text = Buffer.isBuffer(data) ? data.toString("utf8") : String(data);
        ctx.metrics.body_bytes = Buffer.byteLength(text);
        const missing = config.expect_contains !== null && !text.includes(config.expect_contains);
        finish({
          ok: !missing,
          status: 101,
          error: missing ? `first message does not contain ${JSON.stringify(config.expect_contains)}` : null,
        });
      });
    });
  },
};
