import { describe, expect, it } from "vitest";
import { HttpUrl } from "./index.js";

describe("HttpUrl", () => {
  it.each(["https://vendor.example.com/sla", "http://example.org", "http://127.0.0.1:8080/hook"])(
    "accepts %s",
    (url) => {
      expect(HttpUrl.safeParse(url).success).toBe(true);
    },
  );
  it.each([
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "file:///etc/passwd",
    "ftp://example.com",
    "https://",
  ])("refuses %s", (url) => {
    expect(HttpUrl.safeParse(url).success).toBe(false);
  });
});
