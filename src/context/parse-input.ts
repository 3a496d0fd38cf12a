import type { z } from "zod";
import { InputError } from "../errors/index.js";

/**
 * Parses a verb's input (or one part of a request: body, query, params) with a zod schema; the
 * first issue becomes an InputError naming the field (`body.name`), which faces show as a 400 or
 * an exit code 2.
 */
export function parseInput<S extends z.ZodType>(part: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? (part === "body" || part === "input" ? undefined : {}));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${part}.${issue.path.join(".")}` : part;
  throw new InputError(path, (issue?.message ?? "invalid").replace(/^Invalid input: /, "").toLowerCase());
}
