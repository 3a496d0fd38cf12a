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
  it("words an unknown code (or none) by its HTTP status: no English detail on a zh page", () => {
    expect(problemText(new ApiError(400, "bad thing", "something.new"), zh)).toBe(zh["problem.status.4xx"]);
    expect(problemText(new ApiError(404, "bad thing"), zh)).toBe(zh["problem.status.4xx"]);
    expect(problemText(new ApiError(502, "bad gateway"), zh)).toBe(zh["problem.status.5xx"]);
    expect(problemText(new ApiError(0, "network error: x"), zh)).toBe(zh["problem.status.0"]);
    expect(problemText(new ApiError(502, "bad gateway"), zh)).not.toMatch(/[A-Za-z]/);
    // In English the server's own detail says more than a generic line.
    expect(problemText(new ApiError(400, "bad thing", "something.new"), en)).toBe("bad thing");
  });
  it("both catalogues word the same problem codes", () => {
    const zhKeys = Object.keys(zh).filter((k) => k.startsWith("problem."));
    expect(Object.keys(en).filter((k) => k.startsWith("problem."))).toEqual(zhKeys);
  });
});
