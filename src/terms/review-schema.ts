import { z } from "zod";
import { EXCLUSION_CATEGORIES, SCENARIO_IDS } from "./name-lists.js";

/**
 * The review result of CONTRACTS.md §1 (`termsight.review/v1`). Fields may be added, never
 * changed: scripts, the store, the UI and the Enforce side all read this shape.
 * A value the document is silent on is `null`, never a guessed default.
 */

/** Character offsets into the extracted document text; `text === documentText.slice(start, end)`. */
export const Span = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  line: z.number().int().positive(),
  text: z.string(),
});
export type Span = z.infer<typeof Span>;

export const Language = z.enum(["zh", "en", "mixed"]);
export type Language = z.infer<typeof Language>;

export const ScenarioId = z.enum(SCENARIO_IDS);
export type ScenarioId = z.infer<typeof ScenarioId>;

export const TopicId = z.enum([
  "support.tiers",
  "support.channels",
  "rca",
  "upgrades",
  "maintenance",
  "vague",
  "exclusions",
  "data_exit",
  "availability",
  "credits",
  "scenario",
  "practice",
]);
export type TopicId = z.infer<typeof TopicId>;

export const Coverage = z.enum(["24x7", "business_hours"]);
export type Coverage = z.infer<typeof Coverage>;

export const Availability = z.object({
  target_percent: z.number().nullable(),
  window: z.enum(["month", "quarter", "year"]).nullable(),
  formula: z.enum(["time", "requests", "slots"]).nullable(),
  /** Who measures: the vendor's own monitoring, the customer, or a third party. */
  measured_by: z.enum(["vendor", "customer", "third_party"]).nullable().optional(),
  evidence: z.array(Span),
});
export type Availability = z.infer<typeof Availability>;

export const CreditTier = z.object({
  below_percent: z.number(),
  credit_percent: z.number(),
  evidence: z.array(Span).optional(),
});
export type CreditTier = z.infer<typeof CreditTier>;

export const ClaimWindow = z.object({
  amount: z.number(),
  unit: z.enum(["calendar_days", "business_days", "months"]),
  from: z.enum(["incident", "period_end", "invoice"]).nullable(),
});
export type ClaimWindow = z.infer<typeof ClaimWindow>;

export const Credits = z.object({
  tiers: z.array(CreditTier),
  form: z.enum(["voucher", "extension", "cash", "service_credit"]).nullable(),
  cap_percent: z.number().nullable(),
  claim_deadline_days: z.number().nullable(),
  /** The claim window with its unit and what starts it; `claim_deadline_days` is its amount when counted in days. */
  claim_window: ClaimWindow.nullable().optional(),
  vendor_records_prevail: z.boolean().nullable(),
  evidence: z.array(Span),
});
export type Credits = z.infer<typeof Credits>;

export const SupportTier = z.object({
  severity: z.string(),
  /** The support plan of a table with one column per plan; null when the document has one plan. */
  plan: z.string().nullable().optional(),
  description: z.string().nullable(),
  response_minutes: z.number().nullable(),
  response_business_days: z.number().nullable().optional(),
  resolution_minutes: z.number().nullable(),
  resolution_business_days: z.number().nullable().optional(),
  coverage: Coverage.nullable(),
  evidence: z.array(Span),
});
export type SupportTier = z.infer<typeof SupportTier>;

export const Channel = z.enum(["phone", "email", "ticket", "chat", "im", "tam"]);
export type Channel = z.infer<typeof Channel>;

export const Support = z.object({
  tiers: z.array(SupportTier),
  channels: z.array(Channel),
  dedicated_contact: z.boolean().nullable(),
  /** Overall coverage when the document states one for support as a whole. */
  coverage: Coverage.nullable().optional(),
  /** An escalation path (to a manager, an expert team, a hotline) is stated. */
  escalation: z.boolean().nullable().optional(),
  evidence: z.array(Span),
});
export type Support = z.infer<typeof Support>;

export const RcaContent = z.enum(["cause", "impact", "timeline", "prevention"]);
export const Rca = z.object({
  committed: z.boolean(),
  deadline_hours: z.number().nullable(),
  /** A deadline stated in business days ("5 个工作日内"): no fixed length in hours. */
  deadline_business_days: z.number().nullable().optional(),
  contents: z.array(RcaContent),
  evidence: z.array(Span),
});
export type Rca = z.infer<typeof Rca>;

export const Maintenance = z.object({
  notice_hours: z.number().nullable(),
  window: z.string().nullable(),
  excluded_from_availability: z.boolean().nullable().optional(),
  evidence: z.array(Span),
});
export type Maintenance = z.infer<typeof Maintenance>;

export const Upgrades = z.object({
  free: z.boolean().nullable(),
  security_patch_days: z.number().nullable(),
  notice_days: z.number().nullable(),
  gray_release: z.boolean().nullable(),
  rollback: z.boolean().nullable(),
  no_interruption: z.boolean().nullable().optional(),
  window: z.string().nullable().optional(),
  evidence: z.array(Span),
});
export type Upgrades = z.infer<typeof Upgrades>;

export const DataExit = z.object({
  export_days: z.number().nullable(),
  deletion_days: z.number().nullable(),
  retention_days: z.number().nullable(),
  evidence: z.array(Span),
});
export type DataExit = z.infer<typeof DataExit>;

export const ExclusionCategory = z.enum(EXCLUSION_CATEGORIES);
export type ExclusionCategory = z.infer<typeof ExclusionCategory>;

export const Exclusion = z.object({
  category: ExclusionCategory,
  /** True when the exclusion sweeps in network fluctuation, third-party components or the vendor's own SDK. */
  broad: z.boolean(),
  evidence: z.array(Span),
});
export type Exclusion = z.infer<typeof Exclusion>;

/** A scenario or practice item: what was committed (a flag, a number, a short phrase) and where. */
export const Item = z.object({
  value: z.union([z.boolean(), z.number(), z.string()]),
  evidence: z.array(Span),
});
export type Item = z.infer<typeof Item>;

export const ScenarioItems = z.object({
  peak_capacity: Item.nullable(),
  emergency_scaling: Item.nullable(),
  escalation_channel: Item.nullable(),
  connect_time_ms: Item.nullable(),
  monitoring_alerts: Item.nullable(),
  proactive_alerts: Item.nullable(),
  av_sync: Item.nullable(),
  weak_network_tools: Item.nullable(),
  troubleshooting_guides: Item.nullable(),
  global_nodes: Item.nullable(),
  local_teams: Item.nullable(),
  timezone_coverage: Item.nullable(),
});
export type ScenarioItems = z.infer<typeof ScenarioItems>;

export const PracticeItems = z.object({
  incident_cases: Item.nullable(),
  test_environment: Item.nullable(),
  service_review: Item.nullable(),
});
export type PracticeItems = z.infer<typeof PracticeItems>;

export const Commitments = z.object({
  availability: Availability.nullable(),
  credits: Credits.nullable(),
  support: Support.nullable(),
  rca: Rca.nullable(),
  maintenance: Maintenance.nullable(),
  upgrades: Upgrades.nullable(),
  data_exit: DataExit.nullable(),
  exclusions: z.array(Exclusion),
  scenario: ScenarioItems,
  practice: PracticeItems,
});
export type Commitments = z.infer<typeof Commitments>;

export const FindingKind = z.enum(["missing", "vague", "exclusion", "trap", "strength"]);
export type FindingKind = z.infer<typeof FindingKind>;
export const FindingSeverity = z.enum(["high", "medium", "low", "info"]);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

export const Finding = z.object({
  id: z.string().regex(/^[a-z_]+\.[a-z0-9_.]+$/),
  topic: TopicId,
  kind: FindingKind,
  severity: FindingSeverity,
  title: z.string(),
  detail: z.string(),
  evidence: z.array(Span),
  ask: z.string(),
  suggested_clause: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const ReviewResult = z.object({
  schema: z.literal("termsight.review/v1"),
  document: z.object({
    name: z.string(),
    language: Language,
    chars: z.number().int().nonnegative(),
    sha256: z.string(),
  }),
  scenario: ScenarioId,
  commitments: Commitments,
  findings: z.array(Finding),
  score: z.object({
    overall: z.number().min(0).max(100),
    topics: z.record(z.string(), z.number().min(0).max(100)),
  }),
});
export type ReviewResult = z.infer<typeof ReviewResult>;
