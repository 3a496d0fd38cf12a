/**
 * Commitment changes between two readings of a vendor's terms (two versions of a page, or the
 * signed contract and the page): each numeric or listed commitment compared in the direction that
 * is worse for the buyer, with the evidence on both sides.
 */

/** Evidence as a review (Span) or a terms file (Quote) carries it. */
export interface Evidence {
  text: string;
  line: number;
  start?: number;
  end?: number;
}

export type ChangeDirection = "weakened" | "strengthened" | "changed";

export interface CommitmentChange {
  /** Stable id of what changed, e.g. "availability.target_percent", "support.P1.response_minutes". */
  id: string;
  topic: string;
  direction: ChangeDirection;
  /** "availability 99.95 % → 99.9 %" */
  summary: string;
  before: number | string | boolean | null;
  after: number | string | boolean | null;
  before_evidence: Evidence[];
  after_evidence: Evidence[];
}

type Ev = { evidence?: Evidence[] } | null | undefined;
type SupportTierLike = {
  severity: string;
  plan?: string | null;
  response_minutes?: number | null;
  resolution_minutes?: number | null;
  evidence?: Evidence[];
};
/** The parts of ReviewResult.commitments (or Terms.commitments) the diff reads. */
export interface CommitmentsLike {
  availability?: ({ target_percent?: number | null } & Ev) | null;
  credits?:
    | ({
        claim_deadline_days?: number | null;
        claim_window?: { amount: number; unit: string } | null;
        cap_percent?: number | null;
        vendor_records_prevail?: boolean | null;
        tiers?: { credit_percent?: number | null }[];
      } & Ev)
    | null;
  support?: ({ tiers?: SupportTierLike[] } & Ev) | null;
  rca?: ({ committed?: boolean | null; deadline_hours?: number | null } & Ev) | null;
  maintenance?: ({ notice_hours?: number | null } & Ev) | null;
  upgrades?: ({ notice_days?: number | null } & Ev) | null;
  data_exit?: ({ export_days?: number | null } & Ev) | null;
  exclusions?: { category: string; broad?: boolean; evidence?: Evidence[] }[];
}
export interface FindingLike {
  id: string;
  kind: string;
  evidence?: Evidence[];
}
export interface TermsReading {
  commitments: CommitmentsLike;
  /** Review findings (only "vague" ones are compared); absent for a contract's terms. */
  findings?: FindingLike[];
}

const EXCLUSION_LABELS: Record<string, string> = {
  customer_network: "customer network",
  customer_config: "customer configuration",
  third_party: "third-party networks and services",
  force_majeure: "force majeure",
  maintenance: "maintenance",
  misuse: "misuse",
  suspension: "suspension",
  beta_features: "beta features",
  sdk_compat: "SDK compatibility",
  catch_all: "any cause the vendor does not accept",
};

function ev(x: Ev): Evidence[] {
  return x?.evidence ?? [];
}

function fmt(value: number | null | undefined, unit: string): string {
  return value === null || value === undefined ? "none" : `${value}${unit}`;
}

/**
 * Compares one number where `worseWhen` says which way hurts the buyer. A commitment that
 * disappears is weakened; one that appears is strengthened.
 */
function numeric(
  out: CommitmentChange[],
  id: string,
  label: string,
  unit: string,
  before: number | null | undefined,
  after: number | null | undefined,
  worseWhen: "lower" | "higher",
  evBefore: Evidence[],
  evAfter: Evidence[],
): void {
  const b = before ?? null;
  const a = after ?? null;
  if (b === a) return;
  let direction: ChangeDirection;
  if (b === null) direction = "strengthened";
  else if (a === null) direction = "weakened";
  else direction = (worseWhen === "lower" ? a < b : a > b) ? "weakened" : "strengthened";
  out.push({
    id,
    topic: id.split(".")[0],
    direction,
    summary: `${label} ${fmt(b, unit)} → ${fmt(a, unit)}`,
    before: b,
    after: a,
    before_evidence: evBefore,
    after_evidence: evAfter,
  });
}

function tierKey(t: SupportTierLike): string {
  return t.plan ? `${t.plan}.${t.severity}` : t.severity;
}

function maxCredit(c: CommitmentsLike["credits"]): number | null {
  const values = (c?.tiers ?? [])
    .map((t) => t.credit_percent)
    .filter((v): v is number => typeof v === "number");
  return values.length ? Math.max(...values) : null;
}

/** Every commitment change from `before` to `after`, weakened ones first. */
export function diffCommitments(before: TermsReading, after: TermsReading): CommitmentChange[] {
  const out: CommitmentChange[] = [];
  const b = before.commitments;
  const a = after.commitments;
  numeric(
    out,
    "availability.target_percent",
    "availability",
    " %",
    b.availability?.target_percent,
    a.availability?.target_percent,
    "lower",
    ev(b.availability),
    ev(a.availability),
  );

  const claimDays = (c: CommitmentsLike["credits"]) =>
    c?.claim_deadline_days ?? (c?.claim_window?.unit === "months" ? c.claim_window.amount * 30 : null);
  numeric(
    out,
    "credits.claim_window_days",
    "claim window",
    " days",
    claimDays(b.credits),
    claimDays(a.credits),
    "lower",
    ev(b.credits),
    ev(a.credits),
  );
  numeric(
    out,
    "credits.cap_percent",
    "credit cap",
    " %",
    b.credits?.cap_percent,
    a.credits?.cap_percent,
    "lower",
    ev(b.credits),
    ev(a.credits),
  );
  numeric(
    out,
    "credits.max_credit_percent",
    "largest service credit",
    " %",
    maxCredit(b.credits),
    maxCredit(a.credits),
    "lower",
    ev(b.credits),
    ev(a.credits),
  );
  const prevailB = b.credits?.vendor_records_prevail ?? null;
  const prevailA = a.credits?.vendor_records_prevail ?? null;
  if (prevailA === true && prevailB !== true)
    out.push({
      id: "credits.vendor_records_prevail",
      topic: "credits",
      direction: "weakened",
      summary: "vendor's records now prevail in credit disputes",
      before: prevailB,
      after: true,
      before_evidence: ev(b.credits),
      after_evidence: ev(a.credits),
    });

  const tiersB = new Map((b.support?.tiers ?? []).map((t) => [tierKey(t), t]));
  const tiersA = new Map((a.support?.tiers ?? []).map((t) => [tierKey(t), t]));
  for (const key of new Set([...tiersB.keys(), ...tiersA.keys()])) {
    const tb = tiersB.get(key);
    const ta = tiersA.get(key);
    numeric(
      out,
      `support.${key}.response_minutes`,
      `${key} response`,
      " min",
      tb?.response_minutes,
      ta?.response_minutes,
      "higher",
      tb?.evidence ?? [],
      ta?.evidence ?? [],
    );
    numeric(
      out,
      `support.${key}.resolution_minutes`,
      `${key} resolution`,
      " min",
      tb?.resolution_minutes,
      ta?.resolution_minutes,
      "higher",
      tb?.evidence ?? [],
      ta?.evidence ?? [],
    );
  }

  if (b.rca?.committed === true && a.rca?.committed !== true)
    out.push({
      id: "rca.committed",
      topic: "rca",
      direction: "weakened",
      summary: "written root-cause report no longer committed",
      before: true,
      after: a.rca?.committed ?? null,
      before_evidence: ev(b.rca),
      after_evidence: ev(a.rca),
    });
  numeric(
    out,
    "rca.deadline_hours",
    "RCA deadline",
    " h",
    b.rca?.deadline_hours,
    a.rca?.deadline_hours,
    "higher",
    ev(b.rca),
    ev(a.rca),
  );
  numeric(
    out,
    "maintenance.notice_hours",
    "maintenance notice",
    " h",
    b.maintenance?.notice_hours,
    a.maintenance?.notice_hours,
    "lower",
    ev(b.maintenance),
    ev(a.maintenance),
  );
  numeric(
    out,
    "upgrades.notice_days",
    "upgrade notice",
    " days",
    b.upgrades?.notice_days,
    a.upgrades?.notice_days,
    "lower",
    ev(b.upgrades),
    ev(a.upgrades),
  );
  numeric(
    out,
    "data_exit.export_days",
    "data export window",
    " days",
    b.data_exit?.export_days,
    a.data_exit?.export_days,
    "lower",
    ev(b.data_exit),
    ev(a.data_exit),
  );

  const exB = new Map((b.exclusions ?? []).map((e) => [e.category, e]));
  const exA = new Map((a.exclusions ?? []).map((e) => [e.category, e]));
  for (const [category, e] of exA) {
    const label = EXCLUSION_LABELS[category] ?? category;
    const old = exB.get(category);
    if (!old)
      out.push({
        id: `exclusions.${category}`,
        topic: "exclusions",
        direction: "weakened",
        summary: `exclusion added: ${label}`,
        before: null,
        after: category,
        before_evidence: [],
        after_evidence: e.evidence ?? [],
      });
    else if (e.broad && !old.broad)
      out.push({
        id: `exclusions.${category}.broad`,
        topic: "exclusions",
        direction: "weakened",
        summary: `exclusion broadened: ${label}`,
        before: false,
        after: true,
        before_evidence: old.evidence ?? [],
        after_evidence: e.evidence ?? [],
      });
  }
  for (const [category, e] of exB) {
    if (exA.has(category)) continue;
    out.push({
      id: `exclusions.${category}`,
      topic: "exclusions",
      direction: "strengthened",
      summary: `exclusion removed: ${EXCLUSION_LABELS[category] ?? category}`,
      before: category,
      after: null,
      before_evidence: e.evidence ?? [],
      after_evidence: [],
    });
  }

  // Vague wording only exists in a review; a contract's terms have no findings to compare.
  if (before.findings && after.findings) {
    const vagueB = new Set(before.findings.filter((f) => f.kind === "vague").map((f) => f.id));
    for (const f of after.findings) {
      if (f.kind !== "vague" || vagueB.has(f.id)) continue;
      out.push({
        id: `vague.${f.id.replace(/^vague\./, "")}`,
        topic: "vague",
        direction: "weakened",
        summary: `vague wording added: "${(f.evidence?.[0]?.text ?? f.id).slice(0, 120)}"`,
        before: null,
        after: f.id,
        before_evidence: [],
        after_evidence: f.evidence ?? [],
      });
    }
  }
  const rank = { weakened: 0, changed: 1, strengthened: 2 };
  return out.sort((x, y) => rank[x.direction] - rank[y.direction]);
}
