/**
 * The share of the month's error budget used: (100 − measured) / (100 − target). Works for a
 * time-based and a request-based formula alike; a 100 % target has no budget (any loss is over).
 */
export function budgetUsed(measured: number, target: number): number {
  const lost = Math.max(0, 100 - measured);
  const budget = 100 - target;
  if (budget <= 0) return lost > 0 ? Number.POSITIVE_INFINITY : 0;
  return lost / budget;
}
