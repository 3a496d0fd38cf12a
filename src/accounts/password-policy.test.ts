import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { checkNewPassword } from "./password-policy.js";

describe("checkNewPassword", () => {
  const refused = [
    { name: "ten spaces", password: " ".repeat(10) },
    { name: "tabs and newlines", password: "\t\n \t\n \t\n \t\n" },
    { name: "too short", password: "Xk9#pq2" },
    { name: "a common password", password: "password123!" },
    { name: "a repeated character", password: "aaaaaaaaaaaaaa" },
    { name: "the email plus a digit", password: "ada.lovelace@example.com1" },
    { name: "too long", password: "x".repeat(300) },
  ];
  it.each(refused)("refuses $name with an InputError on the field", ({ password }) => {
    let err: unknown;
    try {
      checkNewPassword(password, ["ada.lovelace@example.com", "Ada Lovelace"]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).source).toBe("body.password");
  });

  it("accepts a passphrase of unrelated words", () => {
    expect(() => checkNewPassword("correct horse battery", ["ada@example.com"])).not.toThrow();
    expect(() => checkNewPassword("Tr0ub4dor&3x-mauve", [])).not.toThrow();
  });
});
