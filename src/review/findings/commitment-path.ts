import type { Commitments, Span } from "../../terms/index.js";

/** Reads a dotted path ("support.tiers", "scenario.peak_capacity") in the commitments. */
export function readPath(commitments: Commitments, path: string): unknown {
  let value: unknown = commitments;
  for (const key of path.split(".")) {
    if (value == null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Whether a value counts as "the document does not commit to it": null/undefined, an empty
 * list, `false`, or a scenario item whose value is `false`.
 */
export function isAbsent(value: unknown): boolean {
  if (value == null || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object" && "value" in value && (value as { value: unknown }).value === false)
    return true;
  return false;
}

/** The evidence of the nearest object on the path that carries `evidence` (for flags like credits.vendor_records_prevail). */
export function evidenceNear(commitments: Commitments, path: string): Span[] {
  const keys = path.split(".");
  for (let n = keys.length; n > 0; n--) {
    const value = readPath(commitments, keys.slice(0, n).join("."));
    if (value && typeof value === "object" && Array.isArray((value as { evidence?: unknown }).evidence)) {
      return (value as { evidence: Span[] }).evidence;
    }
  }
  return [];
}
