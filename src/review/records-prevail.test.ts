import { describe, expect, it } from "vitest";
import { reviewDocument } from "./index.js";

/**
 * The "vendor's records prevail" finding and `credits.vendor_records_prevail` read the same
 * sentences, wherever the SLA says it: a downtime definition in a text with no credits clause, or
 * beside a credits clause. Invented texts; the shapes follow published service descriptions.
 */
const review = (text: string, language: "en" | "zh") =>
  reviewDocument({ name: "terms.txt", text, language, sha256: "x" });

describe("vendor records prevail: field and finding agree", () => {
  it.each([
    [
      "en, no credits clause",
      "en" as const,
      "Downtime means any period when users cannot sign in, as Brightmoor determines from automated health monitoring and system logs.",
    ],
    [
      "zh, beside a credit clause",
      "zh" as const,
      "停机时间是指用户无法登录的任何时间段，由 Brightmoor 从自动运行状况监控和系统记录中确定。\n如果未达到承诺，客户可获得抵免该服务月费的一部分。",
    ],
  ])("%s", (_name, language, text) => {
    const r = review(text, language);
    const finding = r.findings.some((f) => f.id === "trap.vendor_records_prevail");
    expect(finding).toBe(true);
    expect(r.commitments.credits?.vendor_records_prevail).toBe(true);
  });

  it("reads a credit against the monthly fee (抵免) as a service credit", () => {
    const r = review("如果未达到承诺，客户可能有资格获得抵免该服务每月服务费的一部分。", "zh");
    expect(r.commitments.credits?.form).toBe("service_credit");
  });

  it("stays null when the customer's logs decide", () => {
    const r = review("停机时间根据客户提供的监控日志确定。", "zh");
    expect(r.commitments.credits?.vendor_records_prevail ?? null).toBeNull();
    expect(r.findings.some((f) => f.id === "trap.vendor_records_prevail")).toBe(false);
  });
});
