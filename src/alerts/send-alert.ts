import nodemailer from "nodemailer";
import { InputError } from "../errors/index.js";
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
  /** Checks a destination before connecting (e.g. the probes' SSRF guard); throws to refuse. */
  guard?: (url: URL) => Promise<void>;
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

async function sendHttp(d: HttpDelivery, channel: ChannelName, opts: SendOptions): Promise<SendResult> {
  const url = new URL(d.url);
  if (opts.guard) await opts.guard(url);
  const res = await fetch(url, {
    method: "POST",
    headers: d.headers,
    body: d.body,
    redirect: "error",
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  const text = (await res.text()).slice(0, 2000);
  if (!res.ok) return { ok: false, channel, detail: `http ${res.status}` };
  const answered = platformAnswer(d.expect, text);
  return { ok: answered === null, channel, detail: answered ?? `http ${res.status}` };
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
  const transport = nodemailer.createTransport({
    host: c.host,
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
  const e = err as { name?: string; code?: string; message?: string };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return "timed out";
  if (e?.code) return `failed (${e.code})`;
  // Messages may carry the URL (with its key or token): keep only the error's kind.
  return `failed (${e?.name ?? "error"})`;
}
