import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { MAX_REFERENCES, parseEmailMessage } from "./email-message.js";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));

describe("parseEmailMessage", () => {
  it("reads an HTML-only body of 200 KB of unclosed tags in one pass (quadratic before: minutes)", async () => {
    const html = `<p>P1 outage since 10:02${"<b>x".repeat(50_000)}</p>`;
    const eml = [
      "From: li.wei@customer.example",
      "To: support@vendor.example",
      "Date: Tue, 03 Mar 2026 10:15:00 +0800",
      "Subject: [P1] outage",
      "Message-ID: <bomb@customer.example>",
      "Content-Type: text/html; charset=utf-8",
      "",
      html,
    ].join("\r\n");
    const message = await parseEmailMessage(new TextEncoder().encode(eml), "bomb.eml");
    expect(message.text).toBe(`P1 outage since 10:02${"x".repeat(50_000)}`);
  });

  it("reads a two-message thread: ids, threading, addresses, ISO dates and bodies", async () => {
    const [first, reply] = await Promise.all([
      parseEmailMessage(fixture("thread-1.eml"), "thread-1.eml"),
      parseEmailMessage(fixture("thread-2.eml"), "thread-2.eml"),
    ]);
    expect(first).toEqual({
      messageId: "<case-1001@customer.example>",
      inReplyTo: null,
      references: [],
      from: "li.wei@customer.example",
      to: ["support@yunchuan.example"],
      date: "2026-03-03T02:15:00.000Z",
      subject: "[P1] Users cannot join channels in ap-east",
      text: "Since 10:02 about 30% of users in ap-east cannot join channels.\nError code 110 on Android SDK 4.2.1.\n\n请尽快处理。",
    });
    expect(reply).toMatchObject({
      messageId: "<reply-77@yunchuan.example>",
      inReplyTo: first.messageId,
      references: [first.messageId],
      from: "support@yunchuan.example",
      to: ["li.wei@customer.example", "ops@customer.example"],
      date: "2026-03-03T02:31:00.000Z",
    });
    // HTML-only email: the HTML path (footer dropped, entities decoded, no hard wrapping)
    expect(reply.text).toBe(
      "Hello Li Wei,\n\nWe are investigating the join failures in ap-east & will update you within 2 hours.",
    );
  });

  const bad: { name: string; text: string }[] = [
    { name: "no headers", text: "just some words\n" },
    { name: "no Date header", text: "From: a@b.example\r\nSubject: hi\r\n\r\nbody\r\n" },
    { name: "an impossible Date", text: "From: a@b.example\r\nDate: 45 Foo 2026 99:99\r\n\r\nbody\r\n" },
  ];
  for (const c of bad) {
    it(`rejects a message with ${c.name}`, async () => {
      await expect(parseEmailMessage(new TextEncoder().encode(c.text), "x.eml")).rejects.toBeInstanceOf(
        InputError,
      );
    });
  }
});

describe("parseEmailMessage with hostile headers", () => {
  it("keeps the root and the newest of 50,000 References, and cuts a huge subject", async () => {
    const refs = Array.from({ length: 50_000 }, (_, i) => `<m${i}@x.example>`);
    const eml = [
      "From: a@customer.example",
      "To: support@vendor.example",
      "Date: Tue, 03 Mar 2026 10:15:00 +0800",
      "Message-ID: <last@customer.example>",
      `References: ${refs.join(" ")}`,
      `Subject: ${"s".repeat(5000)}`,
      "",
      "body",
    ].join("\r\n");
    const email = await parseEmailMessage(new TextEncoder().encode(eml), "many-refs.eml");
    expect(email.references).toHaveLength(MAX_REFERENCES);
    expect(email.references[0]).toBe("<m0@x.example>");
    expect(email.references.at(-1)).toBe("<m49999@x.example>");
    expect(email.subject.length).toBeLessThanOrEqual(1000);
  });
});
