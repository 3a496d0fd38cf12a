import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowlist } from "../probes/index.js";
import type { AlertMessage } from "./alert-message.js";
import { sendAlert } from "./send-alert.js";

const allow = parseAllowlist(["127.0.0.1"]);

const NOW = new Date("2026-10-12T12:00:00.000Z");
const message: AlertMessage = {
  key: "burn:c1",
  status: "firing",
  severity: "page",
  title: "Acme RTC: error budget burning",
  text: "fast burn",
  fields: [["Target", "99.9%"]],
  url: null,
  at: NOW.toISOString(),
  lang: "en",
};

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}
const received: Received[] = [];
let server: Server;
let base = "";

/** Answers like each platform: Slack "ok", Feishu { code }, DingTalk/WeCom { errcode }. */
function answer(req: IncomingMessage, res: ServerResponse, body: string) {
  received.push({ path: req.url ?? "", headers: req.headers, body });
  const path = req.url ?? "";
  if (path.startsWith("/slack")) return res.end("ok");
  if (path.startsWith("/feishu-bad"))
    return res.end(
      JSON.stringify({
        code: 19021,
        msg: "sign match fail or timestamp is not within one hour from current time",
      }),
    );
  if (path.startsWith("/feishu")) return res.end(JSON.stringify({ code: 0, msg: "success", data: {} }));
  if (path.startsWith("/robot") || path.startsWith("/cgi-bin"))
    return res.end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
  if (path.startsWith("/redirect-ok")) {
    res.writeHead(307, { location: "/hook" });
    return res.end();
  }
  if (path.startsWith("/redirect-metadata")) {
    res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data" });
    return res.end();
  }
  if (path.startsWith("/down")) {
    res.statusCode = 503;
    return res.end("unavailable");
  }
  res.statusCode = 204;
  res.end();
}

// A minimal SMTP server (EHLO, MAIL, RCPT, DATA, QUIT) that keeps the DATA it receives.
const mails: string[] = [];
let smtp: TcpServer;
let smtpPort = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => answer(req, res, body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  smtp = createTcpServer((socket) => {
    let inData = false;
    let data = "";
    let buffer = "";
    socket.write("220 localhost ESMTP test\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (let i = buffer.indexOf("\r\n"); i >= 0; i = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            mails.push(data);
            data = "";
            socket.write("250 2.0.0 queued as T1\r\n");
          } else data += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === "EHLO") socket.write("250-localhost\r\n250 8BITMIME\r\n");
        else if (cmd === "HELO" || cmd === "MAIL" || cmd === "RCPT" || cmd === "RSET" || cmd === "NOOP")
          socket.write("250 OK\r\n");
        else if (cmd === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (cmd === "QUIT") {
          socket.write("221 bye\r\n");
          socket.end();
        } else socket.write("502 unknown\r\n");
      }
    });
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  smtpPort = (smtp.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await new Promise((r) => smtp.close(r));
});

describe("sendAlert against a local server on 127.0.0.1", () => {
  const cases: [
    string,
    { channel: Parameters<typeof sendAlert>[0]["channel"]; config: () => unknown },
    string,
    boolean,
  ][] = [
    [
      "generic webhook",
      { channel: "webhook", config: () => ({ url: `${base}/hook`, secret: "k" }) },
      "/hook",
      true,
    ],
    ["slack", { channel: "slack", config: () => ({ url: `${base}/slack/T/B/X` }) }, "/slack/T/B/X", true],
    [
      "feishu",
      { channel: "feishu", config: () => ({ url: `${base}/feishu/hook/abc`, secret: "s" }) },
      "/feishu/hook/abc",
      true,
    ],
    [
      "dingtalk",
      { channel: "dingtalk", config: () => ({ url: `${base}/robot/send?access_token=t`, secret: "SEC1" }) },
      "/robot/send",
      true,
    ],
    [
      "wecom",
      { channel: "wecom", config: () => ({ key: "k-1", base_url: base }) },
      "/cgi-bin/webhook/send?key=k-1",
      true,
    ],
    [
      "feishu answering a sign error",
      { channel: "feishu", config: () => ({ url: `${base}/feishu-bad/x`, secret: "s" }) },
      "/feishu-bad/x",
      false,
    ],
    [
      "a server answering 503",
      { channel: "webhook", config: () => ({ url: `${base}/down` }) },
      "/down",
      false,
    ],
  ];
  for (const [name, target, path, ok] of cases) {
    it(name, async () => {
      const before = received.length;
      const r = await sendAlert({ channel: target.channel, config: target.config() }, message, {
        now: NOW,
        allow,
      });
      expect(r.ok).toBe(ok);
      expect(received.length).toBe(before + 1);
      expect(received[before].path.startsWith(path)).toBe(true);
      expect(received[before].headers["content-type"]).toBe("application/json");
      expect(r.detail).not.toContain("access_token");
    });
  }

  it("reports a platform error code without leaking the secret or the URL", async () => {
    const r = await sendAlert(
      { channel: "feishu", config: { url: `${base}/feishu-bad/tok-secret`, secret: "s3cret" } },
      message,
      { now: NOW, allow },
    );
    expect(r.detail).toMatch(/^code 19021/);
    expect(r.detail).not.toMatch(/tok-secret|s3cret/);
  });

  it("an unreachable host is reported, not thrown", async () => {
    const r = await sendAlert({ channel: "webhook", config: { url: "http://127.0.0.1:1/x" } }, message, {
      now: NOW,
      allow,
      timeoutMs: 2000,
    });
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/failed|timed out/);
  });

  it("refuses a private or loopback destination unless allowed, before connecting", async () => {
    const before = received.length;
    const r = await sendAlert({ channel: "webhook", config: { url: `${base}/hook` } }, message, { now: NOW });
    expect(r).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/refused: 127\.0\.0\.1 is a loopback address/),
    });
    expect(received.length).toBe(before);
  });

  it("connects to the address the guard checked (no second resolution), with the URL's Host", async () => {
    const before = received.length;
    let lookups = 0;
    const resolver = async () => {
      lookups += 1;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const port = new URL(base).port;
    const r = await sendAlert(
      { channel: "webhook", config: { url: `http://hooks.example.test:${port}/hook` } },
      message,
      { now: NOW, allow: parseAllowlist(["hooks.example.test"]), resolver },
    );
    expect(r.ok).toBe(true);
    expect(lookups).toBe(1);
    expect(received[before].headers.host).toBe(`hooks.example.test:${port}`);
    // the same name resolving to a private address is refused when only public ones are allowed
    const refused = await sendAlert(
      { channel: "webhook", config: { url: `http://hooks.example.test:${port}/hook` } },
      message,
      { now: NOW, resolver },
    );
    expect(refused.detail).toMatch(/refused: hooks\.example\.test is a loopback address/);
    expect(received.length).toBe(before + 1);
  });

  it("follows a 307 only after checking the new destination again", async () => {
    const before = received.length;
    const ok = await sendAlert({ channel: "webhook", config: { url: `${base}/redirect-ok` } }, message, {
      now: NOW,
      allow,
    });
    expect(ok.ok).toBe(true);
    expect(received.slice(before).map((x) => x.path)).toEqual(["/redirect-ok", "/hook"]);
    const blocked = await sendAlert(
      { channel: "webhook", config: { url: `${base}/redirect-metadata` } },
      message,
      { now: NOW, allow },
    );
    expect(blocked).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/169\.254\.169\.254 is a metadata address/),
    });
  });

  it("a bad channel config is an input error naming the field", async () => {
    await expect(
      sendAlert({ channel: "slack", config: { url: "not a url" } }, message, { now: NOW }),
    ).rejects.toMatchObject({
      code: "INPUT",
      source: "alert.slack.url",
    });
  });

  it("email goes over SMTP", async () => {
    const r = await sendAlert(
      {
        channel: "email",
        config: {
          host: "127.0.0.1",
          port: smtpPort,
          secure: false,
          from: "termsight@example.com",
          to: ["ops@example.com"],
        },
      },
      message,
      { now: NOW, allow },
    );
    expect(r.ok).toBe(true);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain("Subject: [ALERT] Acme RTC: error budget burning");
    expect(mails[0]).toContain("To: ops@example.com");
  });
});
