import { z } from "zod";
import { parseInput } from "../context/index.js";

/** Parses a verb's input (absent counts as `{}`); the first issue becomes an InputError naming the field (`body.severity`). */
export function parseVerbInput<S extends z.ZodType>(schema: S, value: unknown, prefix = "body"): z.infer<S> {
  return parseInput(prefix, schema, value ?? {});
}

/** The input of a verb that reads one item by id. */
export const ItemInput = z.object({ id: z.string().min(1) });

/** True for a unique-constraint violation on either back-end. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "23505";
}
