import { describe, expect, it } from "vitest";
import { extractCommitments } from "./index.js";

/**
 * Data exit when the deadline and the action sit in two sentences of one paragraph (a shape of
 * machine-translated retention pages). Invented texts; only the shape follows the real pages.
 */
const exitOf = (text: string) => extractCommitments(text).commitments.data_exit;

describe("data exit: a deadline, then the action in the next sentence", () => {
  it.each([
    [
      "zh",
      "付费订阅结束后，Brightmoor 会将客户数据保留 60 天，以便客户导出数据。 在订阅到期或终止后，不得超过 120 天。 Brightmoor 会停用账户，并删除账户中的所有客户数据。",
    ],
    [
      "en",
      "When a paid subscription ends, Brightmoor keeps customer data for 60 days so that customers can export it. No later than 120 days after the subscription expires or is terminated. Brightmoor disables the account and deletes all customer data in it.",
    ],
  ])("%s", (_lang, text) => {
    const exit = exitOf(text);
    expect(exit?.export_days).toBe(60);
    expect(exit?.deletion_days).toBe(120);
    for (const e of exit?.evidence ?? []) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it("does not borrow an action across a full paragraph break or from a sentence with its own time", () => {
    const text =
      "When a paid subscription ends, Brightmoor keeps customer data for 60 days so that customers can export it. No later than 120 days after the subscription is terminated.\nBrightmoor deletes all customer data in it.";
    expect(exitOf(text)?.deletion_days ?? null).toBeNull();
  });
});
