import { z } from "zod";

/**
 * The dated clauses of a contract that are not commitments (the deal's own terms): `dates:` in
 * terms YAML. src/watch computes the deadlines from them; src/alerts warns ahead of each.
 */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");
export const DayCount = z.strictObject({
  amount: z.number().int().min(0).max(3650),
  unit: z.enum(["calendar_days", "business_days"]),
});
export type DayCount = z.infer<typeof DayCount>;

export const ContractDates = z.strictObject({
  /** Override the contract's valid_from / valid_to. */
  term_start: IsoDate.nullable().optional(),
  term_end: IsoDate.nullable().optional(),
  auto_renewal: z
    .strictObject({
      renewal_months: z.number().int().min(1).max(120),
      /** Notice of non-renewal due this long before the term ends. */
      notice: DayCount,
    })
    .nullable()
    .default(null),
  /** The vendor must announce a price change this long before it takes effect (checked at renewal). */
  price_change_notice: DayCount.nullable().default(null),
  /** Data can be exported this long after termination; default: the contract's data_exit.export_days. */
  data_export_after_termination: DayCount.nullable().default(null),
  /** Warn this many business days (calendar days without a calendar) before each deadline. */
  alert_business_days_ahead: z.number().int().min(0).max(365).default(10),
});
export type ContractDatesInput = z.input<typeof ContractDates>;
