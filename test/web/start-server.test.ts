import { describe, expect, it } from "vitest";
import { findSetupLink } from "./start-server.js";

describe("findSetupLink", () => {
  const base = "http://127.0.0.1:4321";
  const cases: { name: string; output: string; expected: string | null }[] = [
    {
      name: "the link serve prints, re-pointed at the test's address",
      output:
        "termsight: first start: create the admin account at\n  http://localhost:8080/setup?token=abc_DEF-1\n",
      expected: `${base}/setup?token=abc_DEF-1`,
    },
    { name: "no link yet", output: "termsight: seeded demo data\n", expected: null },
    {
      name: "a later start prints none",
      output: "termsight: listening on http://localhost:8080\n",
      expected: null,
    },
  ];
  for (const c of cases) it(c.name, () => expect(findSetupLink(c.output, base)).toBe(c.expected));
});
