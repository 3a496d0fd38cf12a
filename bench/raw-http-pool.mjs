/**
 * The load generator's HTTP/1.1 client: keep-alive connections written and read as bytes, one
 * request at a time per connection (as node's http.Agent with maxSockets does), requests beyond the
 * connections queued in order. Why not node's http client: on a small machine the generator shares
 * the CPU with the servers it measures, and node's client (parser, IncomingMessage streams, events)
 * spent about as much CPU per request as the server under test; this one reads the status line,
 * Content-Length (or chunked framing) and nothing else, as wrk2 does.
 */
import net from "node:net";

const HEADER_END = Buffer.from("\r\n\r\n");

/** Where a chunked body ends in `buf` (from `start`), or -1 when more bytes are needed. */
function chunkedEnd(buf, start) {
  let at = start;
  for (;;) {
    const lineEnd = buf.indexOf("\r\n", at);
    if (lineEnd < 0) return -1;
    const size = Number.parseInt(buf.toString("latin1", at, lineEnd), 16);
    if (!Number.isFinite(size)) throw new Error("bad chunk size in response");
    if (size === 0) {
      // no trailers are sent by the servers measured: the last chunk is followed by one empty line
      return buf.length >= lineEnd + 4 ? lineEnd + 4 : -1;
    }
    at = lineEnd + 2 + size + 2;
    if (at > buf.length) return -1;
  }
}

export class RawHttpPool {
  /** @param {{ host: string, port: number, connections: number }} opts */
  constructor(opts) {
    this.opts = opts;
    this.idle = [];
    /** Every connection, busy or idle. */
    this.all = new Set();
    this.open = 0;
    this.queue = [];
    this.closed = false;
  }

  /**
   * Sends one request. `onSent()` when it is written to a connection (time on the wire starts),
   * `onDone(err, status, bytes)` when its response has been read whole (or it failed).
   */
  request(method, path, headers, body, onSent, onDone) {
    const head = [`${method} ${path} HTTP/1.1`, `Host: ${this.opts.host}:${this.opts.port}`];
    for (const [k, v] of Object.entries(headers)) head.push(`${k}: ${v}`);
    const payload = body === undefined ? null : Buffer.from(body);
    if (payload) head.push(`Content-Length: ${payload.length}`);
    const bytes = Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1");
    this.queue.push({ bytes: payload ? Buffer.concat([bytes, payload]) : bytes, onSent, onDone });
    this.pump();
  }

  pump() {
    while (this.queue.length > 0) {
      let conn = this.idle.pop();
      if (!conn) {
        if (this.open >= this.opts.connections) return;
        conn = this.connect();
      }
      const job = this.queue.shift();
      conn.job = job;
      conn.socket.write(job.bytes);
      job.onSent();
    }
  }

  connect() {
    this.open++;
    const socket = net.connect({ host: this.opts.host, port: this.opts.port, noDelay: true });
    const conn = { socket, job: null, buf: null, headerEnd: -1, status: 0, bodyEnd: -1, chunked: false };
    this.all.add(conn);
    socket.on("data", (chunk) => {
      conn.buf = conn.buf ? Buffer.concat([conn.buf, chunk]) : chunk;
      try {
        this.read(conn);
      } catch (err) {
        this.fail(conn, err);
      }
    });
    const lost = (err) => this.fail(conn, err ?? new Error("connection closed by the server"));
    socket.on("error", lost);
    socket.on("close", () => lost(null));
    return conn;
  }

  read(conn) {
    if (!conn.job) throw new Error("response bytes with no request outstanding");
    if (conn.headerEnd < 0) {
      const end = conn.buf.indexOf(HEADER_END);
      if (end < 0) return;
      conn.headerEnd = end + 4;
      const head = conn.buf.toString("latin1", 0, end);
      conn.status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      conn.chunked = /\r\ntransfer-encoding:\s*chunked/i.test(head);
      if (!length && !conn.chunked) throw new Error("response without Content-Length or chunked framing");
      conn.bodyEnd = length ? conn.headerEnd + Number(length[1]) : -1;
    }
    const end = conn.chunked ? chunkedEnd(conn.buf, conn.headerEnd) : conn.bodyEnd;
    if (end < 0 || conn.buf.length < end) return;
    if (conn.buf.length > end) throw new Error("more response bytes than one response");
    const { job, status } = conn;
    const size = conn.buf.length;
    conn.job = null;
    conn.buf = null;
    conn.headerEnd = -1;
    conn.bodyEnd = -1;
    this.idle.push(conn);
    job.onDone(null, status, size);
    this.pump();
  }

  fail(conn, err) {
    if (conn.dead) return;
    conn.dead = true;
    this.open--;
    this.all.delete(conn);
    this.idle = this.idle.filter((c) => c !== conn);
    conn.socket.destroy();
    const job = conn.job;
    conn.job = null;
    job?.onDone(err, 0, 0);
    if (!this.closed) this.pump();
  }

  close() {
    this.closed = true;
    for (const c of this.all) {
      c.dead = true;
      c.socket.destroy();
    }
    this.all.clear();
    this.idle = [];
  }
}
