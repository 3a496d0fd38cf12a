import { z } from "zod";
import { InputError } from "../errors/index.js";

/** Parses a verb's input; the first issue becomes an InputError naming the field (`body.severity`). */
export function parseVerbInput<S extends z.ZodType>(schema: S, value: unknown, prefix = "body"): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${prefix}.${issue.path.join(".")}` : prefix;
  throw new InputError(path, (issue?.message ?? "invalid").replace(/^Invalid input: /, "").toLowerCase());
}

/** The input of a verb that reads one item by id. */
export const ItemInput = z.object({ id: z.string().min(1) });

/** True for a unique-constraint violation on either back-end. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "23505";
}
