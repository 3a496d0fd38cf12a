import type { Commitments, Item, Span, TopicId } from "../../../terms/review-schema";

/**
 * A commitment's value, typed so the view words it from the catalogue in the page's language
 * (no raw enum names such as `business_hours` on a Chinese page).
 */
export type CommitmentValue =
  | { kind: "percent"; value: number }
  | { kind: "minutes"; value: number }
  | { kind: "hours"; value: number }
  | { kind: "days"; value: number }
  | { kind: "businessDays"; value: number }
  | { kind: "number"; value: number }
  | { kind: "flag"; value: boolean }
  /** A value from a closed list: worded by `enum.<list>.<name>`. */
  | { kind: "enum"; list: string; value: string }
  | { kind: "enums"; list: string; values: string[] }
  /** The document's own words (a maintenance window, a scenario item). */
  | { kind: "text"; value: string }
  | { kind: "tier"; below: number; credit: number }
  | { kind: "support"; response: CommitmentValue | null; resolution: CommitmentValue | null };

export interface CommitmentRow {
  topic: TopicId;
  /** The field: worded by `commit.<field>` (`commit.tier` takes the severity as {name}). */
  field: string;
  /** A name shown with the label (a support tier's severity and plan). */
  name?: string;
  /** null: the document does not state it. */
  value: CommitmentValue | null;
  /** Where the document says it (the section's evidence when the field has none of its own). */
  evidence: Span[];
}

const num = (kind: "percent" | "minutes" | "hours" | "days" | "number", v: number | null | undefined) =>
  v == null ? null : ({ kind, value: v } as CommitmentValue);
const flag = (v: boolean | null | undefined): CommitmentValue | null =>
  v == null ? null : { kind: "flag", value: v };
const oneOf = (list: string, v: string | null | undefined): CommitmentValue | null =>
  v == null ? null : { kind: "enum", list, value: v };
const manyOf = (list: string, v: readonly string[] | undefined): CommitmentValue | null =>
  v && v.length > 0 ? { kind: "enums", list, values: [...v] } : null;

function duration(minutes: number | null, businessDays: number | null | undefined): CommitmentValue | null {
  if (minutes != null) return { kind: "minutes", value: minutes };
  if (businessDays != null) return { kind: "businessDays", value: businessDays };
  return null;
}

function itemValue(item: Item | null): CommitmentValue | null {
  if (item == null) return null;
  if (typeof item.value === "boolean") return { kind: "flag", value: item.value };
  if (typeof item.value === "number") return { kind: "number", value: item.value };
  return { kind: "text", value: item.value };
}

/**
 * Every extracted commitment as a row of the review summary, in a fixed order, each with the
 * spans that state it. A field the document is silent on stays in the table with a null value
 * ("not stated"): its absence is the point.
 */
export function commitmentRows(c: Commitments): CommitmentRow[] {
  const rows: CommitmentRow[] = [];
  const add = (topic: TopicId, field: string, value: CommitmentValue | null, evidence: Span[] = []) =>
    rows.push({ topic, field, value, evidence: value == null ? [] : evidence });

  const a = c.availability;
  const aEv = a?.evidence ?? [];
  add("availability", "availability.target", num("percent", a?.target_percent), aEv);
  add("availability", "availability.window", oneOf("window", a?.window), aEv);
  add("availability", "availability.formula", oneOf("formula", a?.formula), aEv);
  add("availability", "availability.measuredBy", oneOf("measuredBy", a?.measured_by), aEv);

  const cr = c.credits;
  const crEv = cr?.evidence ?? [];
  if (cr && cr.tiers.length > 0) {
    for (const tier of cr.tiers)
      add(
        "credits",
        "credits.tier",
        { kind: "tier", below: tier.below_percent, credit: tier.credit_percent },
        tier.evidence?.length ? tier.evidence : crEv,
      );
  } else add("credits", "credits.tier", null);
  add("credits", "credits.form", oneOf("creditForm", cr?.form), crEv);
  add("credits", "credits.cap", num("percent", cr?.cap_percent), crEv);
  add("credits", "credits.claimDays", num("days", cr?.claim_deadline_days), crEv);
  add("credits", "credits.recordsPrevail", flag(cr?.vendor_records_prevail), crEv);

  const s = c.support;
  const sEv = s?.evidence ?? [];
  if (s && s.tiers.length > 0) {
    for (const tier of s.tiers)
      rows.push({
        topic: "support.tiers",
        field: "support.tier",
        name: tier.plan ? `${tier.severity} · ${tier.plan}` : tier.severity,
        value: {
          kind: "support",
          response: duration(tier.response_minutes, tier.response_business_days),
          resolution: duration(tier.resolution_minutes, tier.resolution_business_days),
        },
        evidence: tier.evidence.length ? tier.evidence : sEv,
      });
  } else add("support.tiers", "support.tier", null);
  add("support.tiers", "support.coverage", oneOf("coverage", s?.coverage), sEv);
  add("support.channels", "support.channels", manyOf("channel", s?.channels), sEv);
  add("support.channels", "support.dedicatedContact", flag(s?.dedicated_contact), sEv);
  add("support.channels", "support.escalation", flag(s?.escalation), sEv);

  const r = c.rca;
  const rEv = r?.evidence ?? [];
  add("rca", "rca.committed", flag(r?.committed), rEv);
  add(
    "rca",
    "rca.deadline",
    r?.deadline_hours != null
      ? { kind: "hours", value: r.deadline_hours }
      : r?.deadline_business_days != null
        ? { kind: "businessDays", value: r.deadline_business_days }
        : null,
    rEv,
  );
  add("rca", "rca.contents", manyOf("rcaContent", r?.contents), rEv);

  const m = c.maintenance;
  const mEv = m?.evidence ?? [];
  add("maintenance", "maintenance.notice", num("hours", m?.notice_hours), mEv);
  add("maintenance", "maintenance.window", m?.window ? { kind: "text", value: m.window } : null, mEv);
  add("maintenance", "maintenance.excluded", flag(m?.excluded_from_availability), mEv);

  const u = c.upgrades;
  const uEv = u?.evidence ?? [];
  add("upgrades", "upgrades.free", flag(u?.free), uEv);
  add("upgrades", "upgrades.notice", num("days", u?.notice_days), uEv);
  add("upgrades", "upgrades.securityPatch", num("days", u?.security_patch_days), uEv);
  add("upgrades", "upgrades.grayRelease", flag(u?.gray_release), uEv);
  add("upgrades", "upgrades.rollback", flag(u?.rollback), uEv);

  const d = c.data_exit;
  const dEv = d?.evidence ?? [];
  add("data_exit", "dataExit.export", num("days", d?.export_days), dEv);
  add("data_exit", "dataExit.deletion", num("days", d?.deletion_days), dEv);
  add("data_exit", "dataExit.retention", num("days", d?.retention_days), dEv);

  add(
    "exclusions",
    "exclusions.categories",
    manyOf("exclusion", [...new Set(c.exclusions.map((e) => e.category))]),
    c.exclusions.flatMap((e) => e.evidence),
  );

  for (const [key, item] of Object.entries(c.scenario))
    add("scenario", `scenario.${key}`, itemValue(item), item?.evidence ?? []);
  for (const [key, item] of Object.entries(c.practice))
    add("practice", `practice.${key}`, itemValue(item), item?.evidence ?? []);
  return rows;
}
