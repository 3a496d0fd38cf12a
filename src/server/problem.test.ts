import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthorizedError,
} from "../errors/index.js";
import { sampleEnExtraction, sampleEnText } from "../review/__tests__/extraction-fixtures.js";
import { reviewExtraction } from "../review/review-extraction.js";
import { dumpTerms } from "../terms/index.js";
import { problemCode, problemErrors } from "./problem.js";
import { buildTestApp, type TestApp } from "./testing.js";

describe("problemCode", () => {
  const cases: [string, Error & { code: string }, string][] = [
    ["a wrong login", new UnauthorizedError("wrong email or password"), "auth.wrong_password"],
    ["broken YAML", new InputError("my contract.yaml", "invalid yaml: unexpected end", 3), "yaml.invalid"],
    ["a terms field", new InputError("my contract.yaml", "schema: invalid", 1), "terms.invalid"],
    ["a body field", new InputError("body.name", "too small"), "input.invalid"],
    ["the last admin", new ConflictError("a workspace keeps at least one admin"), "members.last_admin"],
    ["anything else by class", new NotFoundError("ticket", "t1"), "not_found"],
    [
      "a blocked probe target",
      new ForbiddenError("target 127.0.0.1 blocked: loopback address (allow it explicitly with --allow)"),
      "probes.blocked",
    ],
  ];
  it.each(cases)("%s", (_name, err, code) => {
    expect(problemCode(err as never)).toBe(code);
  });
});

describe("problemErrors", () => {
  it("splits the field path from the reason and keeps the line (a file name with spaces too)", () => {
    const err = new InputError(
      "my contract.yaml",
      "sla_policy.severities.P1.minutes: must be a whole number",
      9,
    );
    expect(problemErrors(err)).toEqual([
      { line: 9, column: null, path: "sla_policy.severities.P1.minutes", message: "must be a whole number" },
    ]);
  });
  it("names the source when the reason has no field path", () => {
    expect(problemErrors(new InputError("body", "send yaml or a review_id"))).toEqual([
      { line: null, column: null, path: "body", message: "send yaml or a review_id" },
    ]);
  });
});

describe("problem bodies over HTTP", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a contract whose SLA policy says `minutes: sixty` is refused at that line with errors[]", async () => {
    const terms = dumpTerms(
      reviewExtraction(
        { name: "doc.txt", text: sampleEnText, language: "en", sha256: "f".repeat(64) },
        sampleEnExtraction(),
      ),
    );
    const yaml = `${terms.trimEnd()}\nsla_policy:\n  severities:\n    P1:\n      first_response: { minutes: sixty }\n`;
    const line = yaml.split("\n").findIndex((l) => l.includes("sixty")) + 1;
    const res = await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/contracts`,
      payload: { yaml, name: "kestrel support terms" },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe("terms.invalid");
    expect(body.errors).toEqual([
      {
        line,
        column: null,
        path: "sla_policy.severities.P1.first_response.minutes",
        message: "must be a whole number ≥ 0",
      },
    ]);
  });

  it("an unknown API route has a code too", async () => {
    const res = await t.as(t.users.editor, { method: "GET", url: "/api/v1/nope" });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("route.not_found");
  });
});
