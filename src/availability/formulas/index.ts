import type { FormulaKind, FormulaKindName } from "./formula-kind.js";
import { requests } from "./requests.js";
import { slots } from "./slots.js";
import { time } from "./time.js";

export {
  type DownSlot,
  FORMULA_KIND_NAMES,
  type FormulaInput,
  type FormulaKind,
  type FormulaKindName,
  type FormulaOutcome,
} from "./formula-kind.js";
export { RequestParams } from "./requests.js";
export { SlotParams } from "./slots.js";
export { TimeParams } from "./time.js";

/** The single place a formula kind is added. */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own params type
export const formulas = { time, slots, requests } satisfies Record<FormulaKindName, FormulaKind<any>>;
