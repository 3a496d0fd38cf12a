import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { readDataFile } from "../data-files/index.js";
import { InputError } from "../errors/index.js";
import { FORMULA_KIND_NAMES, formulas } from "./formulas/index.js";

const Tier = z.object({ below_percent: z.number(), credit_percent: z.number() });

/** How a claim window is counted: when it opens, and how long it stays open. */
export const ClaimRule = z.object({
  /** Opens on the Nth business day of the month after the period (TRTC: 5th); null = at period end. */
  opens: z.object({ business_day_of_next_month: z.number().int().positive() }).nullable(),
  within_days: z.number().int().positive().optional(),
  within_months: z.number().int().positive().optional(),
  counted_from: z.enum(["opens", "period_end"]),
});
export type ClaimRule = z.infer<typeof ClaimRule>;

export const VendorFormula = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  vendor: z.string(),
  product: z.string(),
  kind: z.enum(FORMULA_KIND_NAMES),
  params: z.record(z.string(), z.unknown()),
  window: z.enum(["month", "quarter", "year"]),
  credits: z
    .object({
      tiers: z.array(Tier),
      form: z.enum(["voucher", "extension", "cash", "service_credit"]).nullable(),
      cap_percent: z.number().nullable(),
    })
    .nullable(),
  claim: ClaimRule.nullable(),
  vendor_records_prevail: z.boolean().nullable(),
  clause: z.object({ en: z.string(), zh: z.string() }),
  source: z.object({ title: z.string(), url: z.string().nullable(), note: z.string().nullable() }),
});
export type VendorFormula = z.infer<typeof VendorFormula>;

/** Parses and checks a formulas file (YAML); each entry's params must fit its kind. */
export function parseVendorFormulas(text: string, name: string): Record<string, VendorFormula> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new InputError(name, `invalid YAML (${(err as Error).message.split("\n")[0].toLowerCase()})`);
  }
  return checkVendorFormulas(doc, name);
}

/** Checks parsed formulas; each entry's params must fit its kind. */
function checkVendorFormulas(doc: unknown, name: string): Record<string, VendorFormula> {
  const parsed = z.object({ formulas: z.array(VendorFormula) }).safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(name, `${issue.path.join(".")}: ${issue.message.toLowerCase()}`);
  }
  const out: Record<string, VendorFormula> = {};
  for (const f of parsed.data.formulas) {
    const params = formulas[f.kind].paramsSchema.safeParse(f.params);
    if (!params.success)
      throw new InputError(name, `${f.id}.params: ${params.error.issues[0].message.toLowerCase()}`);
    if (out[f.id]) throw new InputError(name, `${f.id}: duplicate formula id`);
    out[f.id] = { ...f, params: params.data as Record<string, unknown> };
  }
  return out;
}

/** The bundled vendor formulas (data/availability/formulas.yaml), by id. */
export const vendorFormulas: Record<string, VendorFormula> = checkVendorFormulas(
  readDataFile("availability/formulas.yaml"),
  "data/availability/formulas.yaml",
);

export function getVendorFormula(id: string): VendorFormula {
  const f = vendorFormulas[id];
  if (!f)
    throw new InputError(
      "formula",
      `unknown formula "${id}" (known: ${Object.keys(vendorFormulas).join(", ")})`,
    );
  return f;
}
