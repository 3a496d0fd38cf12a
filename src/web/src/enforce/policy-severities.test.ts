import { describe, expect, it } from "vitest";
import { policySeverities } from "./policy-severities";

describe("policySeverities", () => {
  it("lists the severities of the terms' SLA policy in order", () => {
    const terms = {
      schema: "termsight.terms/v1",
      sla_policy: { name: "x", severities: { S1: { first_response: { minutes: 30 } }, S2: {}, S3: {} } },
    };
    expect(policySeverities(terms)).toEqual(["S1", "S2", "S3"]);
  });
  it("is empty without a policy or with a malformed one", () => {
    expect(policySeverities(null)).toEqual([]);
    expect(policySeverities({ schema: "termsight.terms/v1" })).toEqual([]);
    expect(policySeverities({ sla_policy: { severities: ["P1"] } })).toEqual([]);
    expect(policySeverities({ sla_policy: "P1" })).toEqual([]);
  });
});
