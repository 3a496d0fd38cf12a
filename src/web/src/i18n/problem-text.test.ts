import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { en } from "./messages-en";
import { zh } from "./messages-zh";
import { problemText } from "./problem-text";

describe("problemText", () => {
  it("words a known code in the UI language", () => {
    const err = new ApiError(401, "wrong email or password", "auth.wrong_password");
    expect(problemText(err, zh)).toBe("邮箱或密码错误。");
    expect(problemText(err, en)).toBe("Wrong email or password.");
  });
  it("keeps the line, field and reason of an input error", () => {
    const err = new ApiError(400, "x.yaml:9: sla_policy.minutes: must be a whole number", "terms.invalid", [
      { line: 9, column: null, path: "sla_policy.minutes", message: "must be a whole number" },
    ]);
    expect(problemText(err, zh)).toBe("第 9 行：sla_policy.minutes：must be a whole number");
  });
  it("is null for an unknown code or none (the caller shows the detail)", () => {
    expect(problemText(new ApiError(400, "d", "something.new"), zh)).toBeNull();
    expect(problemText(new ApiError(400, "d"), zh)).toBeNull();
  });
  it("both catalogues word the same problem codes", () => {
    const zhKeys = Object.keys(zh).filter((k) => k.startsWith("problem."));
    expect(Object.keys(en).filter((k) => k.startsWith("problem."))).toEqual(zhKeys);
  });
});
