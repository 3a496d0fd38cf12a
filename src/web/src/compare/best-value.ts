/**
 * Which vendors' commitment value is best in a comparison row, from the buyer's side. Values are
 * the rendered strings of the compare API ("72 h", "99.95%", "yes"/"是", or null when silent).
 * Returns the indices of the best values; empty when all are equal or nothing can be said.
 */
const HIGHER_IS_BETTER = new Set([
  "target_percent",
  "notice_hours",
  "notice_days",
  "export_days",
  "cap_percent",
  "claim_deadline_days",
]);
const LOWER_IS_BETTER = new Set(["deadline_hours", "security_patch_days", "deletion_days"]);
const YES_IS_BETTER = new Set([
  "dedicated_contact",
  "escalation",
  "committed",
  "free",
  "gray_release",
  "rollback",
]);
const YES_IS_WORSE = new Set(["vendor_records_prevail"]);
const YES = new Set(["yes", "是", "true"]);
const NO = new Set(["no", "否", "false"]);

function firstNumber(v: string | null): number | null {
  if (v == null) return null;
  const m = /-?\d+(?:\.\d+)?/.exec(v);
  return m ? Number(m[0]) : null;
}

function indicesOfBest(scores: (number | null)[]): number[] {
  const known = scores.filter((s): s is number => s !== null);
  if (known.length === 0) return [];
  const best = Math.max(...known);
  const at = scores.flatMap((s, i) => (s === best ? [i] : []));
  return at.length === scores.length ? [] : at;
}

export function bestInRow(key: string, values: (string | null)[]): number[] {
  if (values.length < 2) return [];
  if (HIGHER_IS_BETTER.has(key)) return indicesOfBest(values.map(firstNumber));
  if (LOWER_IS_BETTER.has(key))
    return indicesOfBest(values.map((v) => (firstNumber(v) === null ? null : -(firstNumber(v) as number))));
  if (key === "coverage")
    return indicesOfBest(values.map((v) => (v == null ? 0 : /24\s*[x×]\s*7/i.test(v) ? 2 : 1)));
  const yesNo = (v: string | null) =>
    v == null ? null : YES.has(v.trim().toLowerCase()) ? 1 : NO.has(v.trim().toLowerCase()) ? 0 : null;
  if (YES_IS_BETTER.has(key)) return indicesOfBest(values.map((v) => yesNo(v) ?? 0));
  if (YES_IS_WORSE.has(key)) return indicesOfBest(values.map((v) => (yesNo(v) === 1 ? 0 : 1)));
  // Otherwise: a stated commitment beats silence.
  return indicesOfBest(values.map((v) => (v == null ? 0 : 1)));
}
