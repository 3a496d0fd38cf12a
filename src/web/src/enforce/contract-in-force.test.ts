import { describe, expect, it } from "vitest";
import { contractInForce } from "./contract-in-force";

const c = (id: string, vendor: string, from: string | null, to: string | null, updated: string) => ({
  id,
  vendor_id: vendor,
  name: id,
  valid_from: from,
  valid_to: to,
  version: 1,
  updated_at: updated,
});

describe("contractInForce (the server's rule: validity covers the day, latest updated wins)", () => {
  const all = [
    c("old", "v1", "2025-01-01", "2025-12-31", "2025-01-01T00:00:00Z"),
    c("open", "v1", null, null, "2026-01-01T00:00:00Z"),
    c("newer", "v1", "2026-01-01", null, "2026-02-01T00:00:00Z"),
    c("other", "v2", null, null, "2026-03-01T00:00:00Z"),
  ];
  it("picks the most recently updated contract covering the day", () => {
    expect(contractInForce(all, "v1", "2026-03-02T09:00:00+08:00")?.id).toBe("newer");
    expect(contractInForce(all, "v1", "2025-06-01T00:00:00Z")?.id).toBe("open");
  });
  it("is null without a vendor or a contract in force", () => {
    expect(contractInForce(all, null, "2026-03-02T00:00:00Z")).toBeNull();
    expect(contractInForce([all[0]], "v1", "2026-03-02T00:00:00Z")).toBeNull();
  });
});
