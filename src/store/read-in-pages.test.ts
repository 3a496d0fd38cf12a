import { describe, expect, it } from "vitest";
import { readInPages } from "./read-in-pages.js";

describe("readInPages", () => {
  const ids = Array.from({ length: 25 }, (_, i) => ({ id: `r${String(i).padStart(3, "0")}` }));
  const source = (calls: (string | null)[]) => async (after: string | null, size: number) => {
    calls.push(after);
    return ids.filter((r) => after === null || r.id > after).slice(0, size);
  };

  it("reads every row once, page after page, and stops at a short page", async () => {
    const calls: (string | null)[] = [];
    expect(await readInPages(source(calls), 10)).toEqual(ids);
    expect(calls).toEqual([null, "r009", "r019"]);
  });

  it("asks once more after a full last page", async () => {
    const calls: (string | null)[] = [];
    expect(await readInPages(source(calls), 5)).toEqual(ids);
    expect(calls).toEqual([null, "r004", "r009", "r014", "r019", "r024"]);
  });
});
