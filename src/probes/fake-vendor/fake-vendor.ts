import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { WebSocketServer } from "ws";
import { type Faults, inOutage, seededRandom } from "./faults.js";
import { TEST_CERT_PEM, TEST_KEY_PEM } from "./test-certificate.js";

export type { Faults } from "./faults.js";

export interface FakeVendorOptions {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  faults?: Faults;
  /** Clock used for outage windows (inject the same clock as the probes in end-to-end tests). */
  now?: () => Date;
  /** Fault dice; default a seeded PRNG. */
  random?: () => number;
  /** Tokens per streamed completion (default 5). */
  tokens?: number;
  /** Serve HTTPS/WSS with the self-signed certificate in `test-certificate.ts` (probes need `insecure: true`). */
  tls?: boolean;
}

/** The self-signed certificate `tls: true` serves (CN=localhost, SAN 127.0.0.1, 10 years). */
export function fakeVendorCertificate(): { key: string; cert: string } {
  return { key: TEST_KEY_PEM, cert: TEST_CERT_PEM };
}

export interface FakeVendorStats {
  requests: number;
  streams: number;
  wsConnections: number;
  faults: { errors: number; rateLimited: number; dropped: number; malformed: number; outage: number };
}

export interface FakeVendor {
  /** `http://127.0.0.1:PORT` (`https://` with `tls: true`) */
  url: string;
  /** `ws://127.0.0.1:PORT/v1/realtime` */
  wsUrl: string;
  setFaults(faults: Faults): void;
  stats(): FakeVendorStats;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      if (body.length < limit) body += c.toString("utf8");
    });
    req.on("end", () => resolve(body));
    req.on("error", () => resolve(body));
  });
}

function json(res: ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * A local stand-in for an AI/RTC vendor: HTTP JSON, OpenAI-compatible SSE chat completions and a
 * WebSocket echo/signalling endpoint, with injectable faults (constructor options, `setFaults`, or
 * `POST /admin/faults`). Listens on 127.0.0.1 only.
 */
export async function startFakeVendor(opts: FakeVendorOptions = {}): Promise<FakeVendor> {
  let faults: Faults = opts.faults ?? {};
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? seededRandom(42);
  const tokenCount = opts.tokens ?? 5;
  const stats: FakeVendorStats = {
    requests: 0,
    streams: 0,
    wsConnections: 0,
    faults: { errors: 0, rateLimited: 0, dropped: 0, malformed: 0, outage: 0 },
  };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    ms > 0
      ? new Promise<void>((r) => {
          const t = setTimeout(() => {
            timers.delete(t);
            r();
          }, ms);
          timers.add(t);
        })
      : Promise.resolve();

  async function streamCompletion(res: ServerResponse) {
    stats.streams++;
    const drop = random() < (faults.dropStreamRate ?? 0);
    const malformed = random() < (faults.malformedStreamRate ?? 0);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.flushHeaders();
    await wait(faults.firstTokenDelayMs ?? 0);
    for (let i = 0; i < tokenCount; i++) {
      if (res.destroyed) return;
      if (drop && i === Math.min(2, tokenCount - 1)) {
        stats.faults.dropped++;
        res.socket?.destroy();
        return;
      }
      if (malformed && i === 1) {
        stats.faults.malformed++;
        res.write("data: {not json\n\n");
      }
      const chunk = {
        id: "chatcmpl-fake",
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta: { content: `tok${i} ` } }],
      };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      if (i < tokenCount - 1) await wait(faults.tokenIntervalMs ?? 0);
    }
    res.end("data: [DONE]\n\n");
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    stats.requests++;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/admin/faults") {
      if (req.method === "POST") faults = JSON.parse((await readBody(req)) || "{}") as Faults;
      return json(res, 200, faults);
    }
    if (url.pathname === "/admin/stats") return json(res, 200, stats);
    if (faults.hang || url.pathname === "/hang") return; // never answers
    await wait(faults.latencyMs ?? 0);
    if (inOutage(faults, now())) {
      stats.faults.outage++;
      return json(res, 503, { error: { message: "service unavailable (outage)" } });
    }
    if (random() < (faults.rateLimitRate ?? 0)) {
      stats.faults.rateLimited++;
      return json(res, 429, { error: { message: "rate limited" } });
    }
    if (random() < (faults.errorRate ?? 0)) {
      stats.faults.errors++;
      return json(res, faults.errorStatus ?? 503, { error: { message: "internal error" } });
    }
    const status = /^\/status\/(\d{3})$/.exec(url.pathname);
    if (status) return json(res, Number(status[1]), { status: Number(status[1]) });
    switch (url.pathname) {
      case "/":
      case "/health":
        return json(res, 200, { status: "ok", data: [{ state: "up" }] });
      case "/v1/models":
        return json(res, 200, { object: "list", data: [{ id: "fake-model", object: "model" }] });
      case "/redirect":
        res.writeHead(302, { location: url.searchParams.get("to") ?? "/health" });
        return res.end();
      case "/huge": {
        const bytes = Number(url.searchParams.get("bytes") ?? 10 * 1024 * 1024);
        res.writeHead(200, { "content-type": "application/octet-stream" });
        const block = Buffer.alloc(64 * 1024, 120);
        for (let sent = 0; sent < bytes && !res.destroyed; sent += block.length) {
          if (!res.write(block)) await new Promise((r) => res.once("drain", r));
        }
        return res.end();
      }
      case "/malformed-sse":
        res.writeHead(200, { "content-type": "text/event-stream" });
        return res.end('data: {"choices":[{"delta":{"content":"a"}}]}\n\ndata: {oops\n\nweird line\n\n');
      case "/v1/chat/completions": {
        const body = await readBody(req);
        let stream = false;
        try {
          stream = Boolean((JSON.parse(body) as { stream?: boolean }).stream);
        } catch {
          return json(res, 400, { error: { message: "invalid json body" } });
        }
        if (stream) return streamCompletion(res);
        return json(res, 200, {
          object: "chat.completion",
          choices: [{ index: 0, message: { role: "assistant", content: "OK" } }],
        });
      }
      default:
        return json(res, 404, { error: { message: "not found" } });
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => res.destroy());
  };
  const server = opts.tls ? createTlsServer(fakeVendorCertificate(), onRequest) : createServer(onRequest);
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", async (req, socket, head) => {
    if (faults.hang) return;
    await wait(faults.latencyMs ?? 0);
    if (inOutage(faults, now()) || random() < (faults.errorRate ?? 0)) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => {
      stats.wsConnections++;
      client.on("message", (data) => {
        const text = data.toString();
        let reply = text;
        try {
          const msg = JSON.parse(text) as { type?: string; room?: string };
          if (msg.type === "ping") reply = JSON.stringify({ type: "pong" });
          else if (msg.type === "join")
            reply = JSON.stringify({ type: "joined", room: msg.room ?? "default" });
        } catch {
          // echo non-JSON as is
        }
        client.send(reply);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? "https" : "http"}://127.0.0.1:${port}`,
    wsUrl: `${opts.tls ? "wss" : "ws"}://127.0.0.1:${port}/v1/realtime`,
    setFaults(next) {
      faults = next;
    },
    stats: () => structuredClone(stats),
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const c of wss.clients) c.terminate();
      wss.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
