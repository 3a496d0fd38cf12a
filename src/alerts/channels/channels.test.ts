import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AlertMessage } from "../alert-message.js";
import { alertChannels, type HttpDelivery } from "./index.js";

const NOW = new Date("2026-10-12T12:00:00.000Z");
const message: AlertMessage = {
  key: "burn:c1",
  status: "firing",
  severity: "page",
  title: "Acme RTC: availability error budget burning fast",
  text: "Rule <fast> & friends",
  fields: [
    ["Target", "99.9%"],
    ["Long window (1 h)", "2.22% · 8/360 · 22.2×"],
  ],
  url: "https://termsight.example/contracts/c1",
  at: NOW.toISOString(),
  lang: "en",
};
const http = (d: ReturnType<(typeof alertChannels)["slack"]["build"]>) => d as HttpDelivery;

describe("slack", () => {
  // Incoming webhooks (documented): JSON with `text` (fallback) and `blocks`; header is plain_text.
  it("has a fallback text and escaped mrkdwn blocks", () => {
    const d = http(
      alertChannels.slack.build(message, { url: "https://hooks.slack.com/services/T/B/X" }, { now: NOW }),
    );
    const body = JSON.parse(d.body);
    expect(body.text).toContain(message.title);
    expect(body.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: message.title } });
    expect(body.blocks[1].text.text).toContain("Rule &lt;fast&gt; &amp; friends");
    expect(body.blocks[2].fields).toHaveLength(2);
    expect(d.expect).toBe("slack_ok");
  });
});

describe("feishu", () => {
  // Custom bot (documented): string to sign = timestamp + "\n" + secret, used as the HMAC-SHA256 key
  // over empty data, base64; body carries `timestamp` (seconds, string), `sign`, `msg_type`, `content`.
  it("signs with timestamp\\nsecret as the HMAC key and sends a post message", () => {
    const d = http(
      alertChannels.feishu.build(
        message,
        { url: "https://open.feishu.cn/open-apis/bot/v2/hook/abc", secret: "s3cr3t" },
        { now: NOW },
      ),
    );
    const body = JSON.parse(d.body);
    const ts = Math.floor(NOW.getTime() / 1000);
    expect(body.timestamp).toBe(String(ts));
    expect(body.sign).toBe(createHmac("sha256", `${ts}\ns3cr3t`).update(Buffer.alloc(0)).digest("base64"));
    expect(body.msg_type).toBe("post");
    expect(body.content.post.en_us.title).toBe(message.title);
    expect(body.content.post.en_us.content[0]).toEqual([{ tag: "text", text: message.text }]);
  });

  it("omits the signature without a secret and uses zh_cn for Chinese", () => {
    const d = http(
      alertChannels.feishu.build(
        { ...message, lang: "zh" },
        { url: "https://open.feishu.cn/x", secret: null },
        { now: NOW },
      ),
    );
    const body = JSON.parse(d.body);
    expect(body.sign).toBeUndefined();
    expect(Object.keys(body.content.post)).toEqual(["zh_cn"]);
  });
});

describe("dingtalk", () => {
  // Custom robot (documented): sign = urlEncode(base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret))),
  // timestamp in milliseconds, both as query parameters; body `{ msgtype: "markdown", markdown: { title, text } }`.
  it("puts timestamp and the url-encoded sign in the query", () => {
    const d = http(
      alertChannels.dingtalk.build(
        message,
        { url: "https://oapi.dingtalk.com/robot/send?access_token=tok", secret: "SECabc" },
        { now: NOW },
      ),
    );
    const url = new URL(d.url);
    expect(url.searchParams.get("access_token")).toBe("tok");
    expect(url.searchParams.get("timestamp")).toBe(String(NOW.getTime()));
    const expected = createHmac("sha256", "SECabc").update(`${NOW.getTime()}\nSECabc`).digest("base64");
    expect(url.searchParams.get("sign")).toBe(expected);
    expect(d.url).toContain(`sign=${encodeURIComponent(expected)}`);
    const body = JSON.parse(d.body);
    expect(body.msgtype).toBe("markdown");
    expect(body.markdown.title).toBe(message.title);
    expect(body.markdown.text).toContain("- **Target**: 99.9%");
  });
});

describe("wecom", () => {
  // Group robot (documented): POST …/cgi-bin/webhook/send?key=KEY, `{ msgtype: "markdown", markdown: { content } }`,
  // content at most 4096 bytes.
  it("posts markdown to the key's webhook, within 4096 bytes", () => {
    const long = { ...message, text: "很长的说明".repeat(1000) };
    const d = http(
      alertChannels.wecom.build(
        long,
        { key: "k-123", base_url: "https://qyapi.weixin.qq.com" },
        { now: NOW },
      ),
    );
    expect(d.url).toBe("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-123");
    const body = JSON.parse(d.body);
    expect(body.msgtype).toBe("markdown");
    expect(body.markdown.content.startsWith('### <font color="warning">')).toBe(true);
    expect(Buffer.byteLength(body.markdown.content)).toBeLessThanOrEqual(4096);
  });
});

describe("generic webhook", () => {
  it("sends the message as termsight.alert/v1 with an HMAC signature over timestamp.body", () => {
    const d = http(
      alertChannels.webhook.build(
        message,
        { url: "https://hooks.example/x", secret: "k", headers: {} },
        { now: NOW },
      ),
    );
    const ts = d.headers["x-termsight-timestamp"];
    expect(d.headers["x-termsight-signature"]).toBe(
      `sha256=${createHmac("sha256", "k").update(`${ts}.${d.body}`).digest("hex")}`,
    );
    expect(JSON.parse(d.body)).toMatchObject({
      schema: "termsight.alert/v1",
      key: "burn:c1",
      status: "firing",
    });
  });
});

describe("email", () => {
  it("tags the subject and escapes the HTML part", () => {
    const d = alertChannels.email.build(
      { ...message, status: "resolved" },
      {
        host: "127.0.0.1",
        port: 25,
        secure: false,
        user: null,
        pass: null,
        from: "ts@example.com",
        to: ["ops@example.com"],
      },
      { now: NOW },
    );
    if (d.kind !== "email") throw new Error("expected email");
    expect(d.mail.subject).toBe(`[RESOLVED] ${message.title}`);
    expect(d.mail.html).toContain("Rule &lt;fast&gt; &amp; friends");
    expect(d.mail.text).toContain("Target: 99.9%");
  });
});
