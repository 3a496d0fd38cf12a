/**
 * The report model (schema `termsight.report/v1`): everything a monthly SLA report or quarterly
 * service review states, computed from what is stored. Every figure is null when the evidence
 * does not say (no samples, no policy, no contract), never a guess.
 */
export interface ReportModel {
  schema: "termsight.report/v1";
  generated_at: string;
  subject: { kind: "vendor" | "contract"; id: string; vendor: string | null; contract: string | null };
  contract: {
    id: string;
    name: string;
    valid_from: string | null;
    /** The renewal (end) date; null when the contract states none. */
    valid_to: string | null;
    days_to_renewal: number | null;
  } | null;
  period: { label: string; kind: string; from: string; to: string; timezone: string };
  availability: AvailabilitySection;
  latency: LatencySection;
  tickets: TicketSection;
  incidents: IncidentSection;
  maintenance: MaintenanceSection;
  credits: CreditRow[];
  review: ReviewSection;
  /** The same headline figures for the previous period; null when asked without comparison. */
  previous: { label: string; headline: Headline } | null;
  headline: Headline;
  changes: Change[];
}

export interface AvailabilityRow {
  /** YYYY-MM, or the whole period ("total"). */
  month: string;
  formula: string;
  target_percent: number | null;
  measured_percent: number | null;
  /** What the vendor said it achieved; null: no declaration stored. */
  vendor_declared_percent: number | null;
  met: boolean | null;
  period_minutes: number;
  eligible_minutes: number;
  excluded_minutes: number;
  down_minutes: number;
  /** Minutes of the period with no observation at all. */
  no_data_minutes: number;
  /** Down minutes as a percentage of the allowed downtime (100 − target) % × eligible minutes. */
  error_budget_used_percent: number | null;
  by_region: { region: string; measured_percent: number | null; down_minutes: number }[];
}

export interface AvailabilitySection {
  rows: AvailabilityRow[];
  total: AvailabilityRow | null;
  /** Per local day, by the same formula: the chart's series. */
  daily: { date: string; measured_percent: number | null }[];
  outages: { start: string; end: string; minutes: number }[];
  evidence: { observations: number; probes: number };
}

export interface LatencyRow {
  region: string;
  samples: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
}

export interface LatencySection {
  /** "all" first, then per region; from the probes' hourly latency histograms (total time of ok samples). */
  rows: LatencyRow[];
  daily: { date: string; p50_ms: number | null; p95_ms: number | null; p99_ms: number | null }[];
  /** Quantiles come from fixed histogram buckets: exact to within the bucket's width. */
  method: "histogram";
}

export type MetricName = "first_response" | "next_response" | "resolution";

export interface SlaCell {
  /** Tickets this metric applies to (the policy sets a target). */
  tickets: number;
  met: number;
  breached: number;
  /** Still running or paused. */
  open: number;
  /** met / (met + breached) × 100; null when none stopped. */
  attainment_percent: number | null;
  /** Over stopped clocks, business minutes on the policy's calendar. */
  median_minutes: number | null;
  p90_minutes: number | null;
}

export interface TicketSection {
  count: number;
  /** Tickets without a usable SLA policy (no contract policy, unknown severity…). */
  without_policy: number;
  by_severity: { severity: string; count: number; metrics: Record<MetricName, SlaCell> }[];
  /** p90 of resolution business minutes over every stopped resolution clock. */
  resolution_p90_minutes: number | null;
  breached_total: number;
  breached: {
    id: string;
    external_id: string | null;
    subject: string;
    severity: string;
    opened_at: string;
    metrics: MetricName[];
    events: { type: string; at: string; status: string | null; severity: string | null }[];
  }[];
  reopen_rate_percent: number | null;
  replies_per_ticket: number | null;
  /** Tickets handed back to the customer (status pending) more than twice: 反复踢皮球. */
  bounced: number;
  /** Tickets whose severity was changed while open. */
  escalated: number;
  satisfaction: {
    rated: number;
    average: number | null;
    distribution: [number, number, number, number, number];
    low: { ticket_id: string; score: number; note: string }[];
  };
}

export interface IncidentSection {
  rows: {
    id: string;
    title: string;
    severity: string | null;
    started_at: string;
    resolved_at: string | null;
    duration_minutes: number | null;
    rca_verdict: string;
    rca_due_at: string | null;
    rca_received_at: string | null;
    rca_hours_late: number;
    rca_missing_contents: string[];
  }[];
  rca: { on_time: number; late: number; missing: number; pending: number; not_committed: number };
  committed_rca_hours: number | null;
}

export interface MaintenanceSection {
  rows: {
    title: string;
    notice_at: string;
    window_start: string;
    window_end: string;
    notice_hours_given: number;
    notice_hours_committed: number | null;
    late: boolean | null;
  }[];
  late: number;
}

export interface CreditRow {
  month: string;
  measured_percent: number | null;
  credit_percent: number;
  amount: number | null;
  currency: string | null;
  form: string | null;
  /**
   * Whether a claim was sent / a credit received, as recorded per (contract, month) on the Credits
   * page (false: nothing recorded; null: no contract to record against).
   */
  claimed: boolean | null;
  received: boolean | null;
  /** The recorded claim: local date, amount, the vendor's reference. */
  claim: { on: string; amount: number | null; reference: string } | null;
  /** The recorded receipt: local date and amount. */
  credit_received: { on: string; amount: number | null } | null;
  claim_deadline: string | null;
  days_left: number | null;
}

export interface ReviewSection {
  review_id: string | null;
  document: string | null;
  reviewed_at: string | null;
  score: number | null;
  high_findings: { id: string; topic: string; title: string; ask: string | null }[];
}

export interface Headline {
  availability_percent: number | null;
  down_minutes: number | null;
  latency_p95_ms: number | null;
  tickets: number;
  sla_attainment_percent: number | null;
  resolution_p90_minutes: number | null;
  incidents: number;
  rca_late_or_missing: number;
  late_notices: number;
  satisfaction: number | null;
}

export interface Change {
  metric: keyof Headline;
  previous: number | null;
  current: number | null;
  delta: number | null;
  /** better / worse for the buyer; null when equal or unknown. */
  direction: "better" | "worse" | null;
}
