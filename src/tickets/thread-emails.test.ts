import { describe, expect, it } from "vitest";
import { normalizeMessageId, type ThreadEmail, threadEmails } from "./thread-emails.js";

function mail(id: string, date: string, from: string, extra: Partial<ThreadEmail> = {}): ThreadEmail {
  return {
    name: `${id}.eml`,
    messageId: `<${id}@mail.test>`,
    inReplyTo: null,
    references: [],
    from,
    date,
    subject: "Outage [P1]",
    text: "body",
    fallbackId: `sha256:${id}`,
    ...extra,
  };
}

const opts = { vendorDomains: ["vendor.test"], severity: "P3" };

describe("threadEmails", () => {
  it("turns a thread into created + replies, matched by In-Reply-To and References", () => {
    const rows = threadEmails(
      [
        mail("r2", "2026-03-02T02:00:00Z", "ops@buyer.test", {
          inReplyTo: "<r1@mail.test>",
          references: ["<a@mail.test>", "<r1@mail.test>"],
        }),
        mail("a", "2026-03-02T00:00:00Z", "ops@buyer.test"),
        mail("r1", "2026-03-02T01:00:00Z", "eng@support.vendor.test", { inReplyTo: "<a@mail.test>" }),
        mail("other", "2026-03-02T00:30:00Z", "x@buyer.test", { subject: "Question" }),
      ],
      opts,
    );
    expect(rows.map((r) => [r.external_id, r.events[0].type, r.events[0].source_key])).toEqual([
      ["a@mail.test", "created", "a@mail.test"],
      ["a@mail.test", "agent_reply", "r1@mail.test"],
      ["a@mail.test", "customer_reply", "r2@mail.test"],
      ["other@mail.test", "created", "other@mail.test"],
    ]);
    expect(rows[0].declare?.severity).toBe("P1");
    expect(rows[3].declare?.severity).toBe("P3");
  });

  it("marks a thread that replies to mail outside the import, and drops duplicate messages", () => {
    const reply = mail("late", "2026-03-03T00:00:00Z", "eng@vendor.test", { inReplyTo: "<a@mail.test>" });
    const rows = threadEmails([reply, reply], opts);
    expect(rows).toHaveLength(1);
    expect(rows[0].attach_refs).toEqual(["a@mail.test"]);
    expect(rows[0].attach_type).toBe("agent_reply");
  });

  it("uses the fallback id when a message has none", () => {
    const rows = threadEmails([mail("x", "2026-03-02T00:00:00Z", "a@b.test", { messageId: null })], opts);
    expect(rows[0].external_id).toBe("sha256:x");
    expect(normalizeMessageId("  <<id@h>> ")).toBe("id@h");
    expect(normalizeMessageId("<>")).toBeNull();
  });
});
