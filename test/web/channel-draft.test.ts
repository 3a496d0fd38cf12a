import { describe, expect, it } from "vitest";
import { parseChannelConfig } from "../../src/alerts/index.js";
import { compileCalendar, parseCalendar } from "../../src/clock/index.js";
import { configOf, KINDS, quietDraftOf, quietOf } from "../../src/web/src/alert-channels/channel-draft.js";

/** What a user types into the channel form, per kind. */
const TYPED: Record<(typeof KINDS)[number], Record<string, string | boolean>> = {
  webhook: { url: "https://hooks.example.com/termsight", secret: "s3cret" },
  slack: { url: "https://hooks.slack.com/services/T0/B0/xyz" },
  feishu: { url: "https://open.feishu.cn/open-apis/bot/v2/hook/abc", secret: "" },
  dingtalk: { url: "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: "SECabc" },
  wecom: { key: "robot-key", base_url: "" },
  email: {
    host: "smtp.example.com",
    port: "465",
    secure: true,
    user: "alerts",
    pass: "pw",
    from: "alerts@example.com",
    to: "ops@example.com，oncall@example.com; lead@example.com",
  },
};

describe("the alert channel form's drafts", () => {
  it.each(KINDS)("the %s form's values are a config the server accepts", (kind) => {
    const config = configOf(kind, TYPED[kind]);
    expect(config).not.toBeNull();
    expect(() => parseChannelConfig(kind, config)).not.toThrow();
  });

  it("reads recipients and numbers, and leaves empty optional fields to the server's defaults", () => {
    expect(configOf("email", TYPED.email)).toEqual({
      host: "smtp.example.com",
      port: 465,
      secure: true,
      user: "alerts",
      pass: "pw",
      from: "alerts@example.com",
      to: ["ops@example.com", "oncall@example.com", "lead@example.com"],
    });
    expect(configOf("feishu", TYPED.feishu)).toEqual({ url: TYPED.feishu.url });
  });

  it("an edit with every settings field empty keeps the stored (write-only) config", () => {
    expect(configOf("webhook", {})).toBeNull();
    expect(configOf("email", { secure: true })).toBeNull();
  });

  it("quiet hours become a business calendar the server compiles, and read back into the form", () => {
    const draft = {
      on: true,
      timezone: "Asia/Shanghai",
      days: ["mon", "fri"] as ("mon" | "fri")[],
      hours: "09:00-12:00, 13:00-18:00",
      region: "CN" as const,
      hold: ["ticket" as const],
    };
    const quiet = quietOf(draft);
    expect(quiet).toEqual({
      calendar: {
        timezone: "Asia/Shanghai",
        region: "CN",
        hours: { mon: ["09:00-12:00", "13:00-18:00"], fri: ["09:00-12:00", "13:00-18:00"] },
      },
      hold: ["ticket"],
    });
    // the calendar the server compiles for the quiet-hours rule (src/alerts quietRuleOf)
    expect(() => compileCalendar(parseCalendar(quiet?.calendar, "quiet.calendar"))).not.toThrow();
    expect(quietDraftOf(quiet)).toEqual(draft);
    expect(quietOf({ ...draft, on: false })).toBeNull();
  });
});
