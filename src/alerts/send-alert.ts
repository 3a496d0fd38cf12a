import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { InputError } from "../errors/index.js";
import {
  type Allowlist,
  EMPTY_ALLOWLIST,
  isBlockedTargetError,
  pinnedLookup,
  type Resolver,
  resolveGuarded,
} from "../probes/index.js";
import type { AlertMessage } from "./alert-message.js";
import {
  alertChannels,
  type ChannelName,
  type Delivery,
  type EmailConfig,
  type HttpDelivery,
} from "./channels/index.js";

export interface ChannelTarget {
  channel: ChannelName;
  config: unknown;
}

export interface SendResult {
  ok: boolean;
  channel: ChannelName;
  /** HTTP status or SMTP response; never the URL or secrets. */
  detail: string;
}

export interface SendOptions {
  now: Date;
  /**
   * Destinations the operator allows besides public addresses (TERMSIGHT_ALERT_ALLOW); every
   * request is checked by the probes' SSRF guard, with no allow-list only public addresses pass.
   */
  allow?: Allowlist;
  /** DNS for the guard (tests); the checked address is the one connected to. */
  resolver?: Resolver;
  timeoutMs?: number;
}

/** Builds the channel's request from the message (pure) and delivers it. */
export function buildDelivery(target: ChannelTarget, message: AlertMessage, now: Date): Delivery {
  const channel = alertChannels[target.channel];
  if (!channel) throw new InputError("alert.channel", `unknown channel "${target.channel}"`);
  const parsed = channel.configSchema.safeParse(target.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`alert.${target.channel}.${issue.path.join(".")}`, issue.message.toLowerCase());
  }
  return channel.build(message, parsed.data as never, { now });
}

export async function sendAlert(
  target: ChannelTarget,
  message: AlertMessage,
  opts: SendOptions,
): Promise<SendResult> {
  const delivery = buildDelivery(target, message, opts.now);
  try {
    if (delivery.kind === "email") {
      return await sendEmail(target.config as EmailConfig, delivery.mail, target.channel, opts);
    }
    return await sendHttp(delivery, target.channel, opts);
  } catch (err) {
    return { ok: false, channel: target.channel, detail: describeError(err) };
  }
}

const MAX_REDIRECTS = 3;

async function sendHttp(d: HttpDelivery, channel: ChannelName, opts: SendOptions): Promise<SendResult> {
  let url = new URL(d.url);
  for (let hop = 0; ; hop++) {
    const res = await pinnedPost(url, d, opts);
    // Only 307/308 keep the POST and its body; each hop is resolved and guarded again.
    if ((res.status === 307 || res.status === 308) && res.location && hop < MAX_REDIRECTS) {
      url = new URL(res.location, url);
      if (url.protocol !== "http:" && url.protocol !== "https:")
        return { ok: false, channel, detail: `redirected to a ${url.protocol} url` };
      continue;
    }
    if (res.status < 200 || res.status >= 300) return { ok: false, channel, detail: `http ${res.status}` };
    const answered = platformAnswer(d.expect, res.text);
    return { ok: answered === null, channel, detail: answered ?? `http ${res.status}` };
  }
}

/**
 * One POST to the address the SSRF guard accepted: node's http(s) client with a `lookup` that
 * answers that address only, so there is no second DNS resolution (no rebinding); the Host
 * header and TLS server name stay the URL's host name.
 */
async function pinnedPost(
  url: URL,
  d: HttpDelivery,
  opts: SendOptions,
): Promise<{ status: number; location: string | null; text: string }> {
  const target = await resolveGuarded(url.hostname, opts.allow ?? EMPTY_ALLOWLIST, {
    resolver: opts.resolver,
  });
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return await new Promise((resolve, reject) => {
    const req = request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: { ...d.headers, "content-length": Buffer.byteLength(d.body) },
        lookup: pinnedLookup(target) as never,
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          // Platforms answer a few bytes; keep at most 2 KB of whatever comes.
          if (size < 2000) chunks.push(c);
          size += c.length;
        });
        res.on("end", () => {
          clearTimeout(timer);
          const location = res.headers.location;
          resolve({
            status: res.statusCode ?? 0,
            location: typeof location === "string" ? location : null,
            text: Buffer.concat(chunks).toString("utf8").slice(0, 2000),
          });
        });
        res.on("error", reject);
      },
    );
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error("timed out"), { name: "TimeoutError" })),
      timeoutMs,
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("timed out"), { name: "TimeoutError" })));
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(d.body);
  });
}

/** Null when the platform's answer means success, else a short reason. */
function platformAnswer(expect: HttpDelivery["expect"], text: string): string | null {
  if (expect === "http_2xx") return null;
  if (expect === "slack_ok")
    return text.trim() === "ok" ? null : `slack answered ${JSON.stringify(text.slice(0, 100))}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return "answer is not JSON";
  }
  const field = expect === "errcode_0" ? "errcode" : "code";
  const code = body[field] ?? body.StatusCode;
  if (code === 0) return null;
  const msg = body.errmsg ?? body.msg ?? body.StatusMessage ?? "";
  return `${field} ${String(code)}${msg ? ` (${String(msg).slice(0, 100)})` : ""}`;
}

async function sendEmail(
  config: EmailConfig,
  mail: { from: string; to: string[]; subject: string; text: string; html: string },
  channel: ChannelName,
  opts: SendOptions,
): Promise<SendResult> {
  const c = alertChannels.email.configSchema.parse(config);
  const timeout = opts.timeoutMs ?? 10_000;
  // The SMTP host passes the same guard; nodemailer connects to the checked address and checks
  // the certificate against the configured name.
  const target = await resolveGuarded(c.host, opts.allow ?? EMPTY_ALLOWLIST, { resolver: opts.resolver });
  // Loaded on the first email: about 2 MB of heap that a server sending none need not carry.
  const { default: nodemailer } = await import("nodemailer");
  const transport = nodemailer.createTransport({
    host: target.address,
    tls: { servername: c.host },
    port: c.port,
    secure: c.secure,
    auth: c.user ? { user: c.user, pass: c.pass ?? "" } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  try {
    const info = await transport.sendMail(mail);
    return { ok: info.rejected.length === 0, channel, detail: String(info.response ?? "sent").slice(0, 200) };
  } finally {
    transport.close();
  }
}

function describeError(err: unknown): string {
  if (isBlockedTargetError(err))
    return `refused: ${err.host} is a ${err.reason} address (not in TERMSIGHT_ALERT_ALLOW)`;
  if (err instanceof InputError) return err.message;
  const e = err as { name?: string; code?: string; message?: string };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return "timed out";
  if (e?.code) return `failed (${e.code})`;
  // Messages may carry the URL (with its key or token): keep only the error's kind.
  return `failed (${e?.name ?? "error"})`;
}
