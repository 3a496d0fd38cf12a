import type { Commitments, Span } from "../../terms/index.js";
import type { Extraction, Signal } from "../extraction.js";
import { extractAvailability } from "./availability.js";
import { makeContext, resetContextMemo } from "./context.js";
import { extractCredits } from "./credits.js";
import { extractDataExit } from "./data-exit.js";
import { bindingSegments, readDocument } from "./document.js";
import { extractExclusions } from "./exclusions.js";
import { loadLexicon } from "./lexicon.js";
import { extractMaintenance } from "./maintenance.js";
import { resetNumberMemo } from "./numbers.js";
import { extractRca } from "./rca.js";
import { extractPracticeItems, extractScenarioItems } from "./scenario-items.js";
import { extractSignals } from "./signals.js";
import { uniqueSpans } from "./span.js";
import { extractSupport } from "./support.js";
import { extractUpgrades } from "./upgrades.js";
import { originalWording, readingText } from "./zh-hant.js";

/**
 * Reads a terms document (zh, en or mixed) and returns what it commits to, each value with the
 * exact spans it came from, plus signals (vague wording, traps) for the findings engine.
 * Commentary, marketing and examples are never read as commitments. A Traditional Chinese text is
 * read through its Simplified reading (same offsets); spans and quoted words keep the document's text.
 */
export function extractCommitments(text: string): Extraction {
  const lexicon = loadLexicon();
  resetNumberMemo();
  resetContextMemo();
  const reading = readingText(text);
  const doc = readDocument(reading, lexicon);
  const ctx = makeContext(doc, bindingSegments(doc), text);
  const notes: Signal[] = [];
  const rca = extractRca(ctx, notes);
  const exclusions = extractExclusions(ctx);
  let maintenance = extractMaintenance(ctx, notes);
  const excludedMaintenance = exclusions.find((e) => e.category === "maintenance");
  if (excludedMaintenance) {
    maintenance ??= { notice_hours: null, window: null, excluded_from_availability: null, evidence: [] };
    if (maintenance.excluded_from_availability == null) {
      maintenance.excluded_from_availability = true;
      maintenance.evidence = uniqueSpans([...maintenance.evidence, ...excludedMaintenance.evidence]);
    }
  }
  const commitments: Commitments = {
    availability: extractAvailability(ctx),
    credits: extractCredits(ctx),
    support: extractSupport(ctx),
    rca,
    maintenance,
    upgrades: extractUpgrades(ctx),
    data_exit: extractDataExit(ctx),
    exclusions,
    scenario: extractScenarioItems(ctx),
    practice: extractPracticeItems(ctx),
  };
  impliedTarget(commitments);
  if (reading !== text) restoreWording(commitments, reading, text);
  const signals = [...extractSignals(ctx, rca?.committed === true), ...notes];
  recordsPrevail(commitments, signals);
  return { commitments, signals };
}

/**
 * The vendor's records prevail wherever the SLA says so (a downtime definition, a claims clause,
 * a text with no credits at all): the field reads the same sentences as the finding.
 */
function recordsPrevail(c: Commitments, signals: Signal[]): void {
  const evidence = signals.filter((s) => s.rule === "trap.vendor_records_prevail").flatMap((s) => s.evidence);
  if (evidence.length === 0) return;
  c.credits ??= {
    tiers: [],
    form: null,
    cap_percent: null,
    claim_deadline_days: null,
    claim_window: null,
    vendor_records_prevail: null,
    evidence: [],
  };
  c.credits.vendor_records_prevail = true;
  c.credits.evidence = uniqueSpans([...c.credits.evidence, ...evidence]);
}

/** The words commitments quote (severity labels, descriptions, windows) in the document's characters. */
function restoreWording(c: Commitments, reading: string, original: string): void {
  const words = (word: string, evidence: Span[]) => originalWording(word, reading, original, evidence);
  for (const tier of c.support?.tiers ?? []) {
    tier.severity = words(tier.severity, tier.evidence);
    if (tier.plan) tier.plan = words(tier.plan, tier.evidence);
    if (tier.description !== null) tier.description = words(tier.description, tier.evidence);
  }
  if (c.maintenance?.window) c.maintenance.window = words(c.maintenance.window, c.maintenance.evidence);
  if (c.upgrades?.window) c.upgrades.window = words(c.upgrades.window, c.upgrades.evidence);
}

/**
 * A credit table (two bands or more) without a stated target still commits to one: its highest
 * threshold (credits are owed below it), e.g. "below 99.9% but at least 99%: 10%" commits to 99.9%.
 */
function impliedTarget(c: Commitments): void {
  const tiers = c.credits?.tiers ?? [];
  // one band in prose ("低于 99.9% 赔偿 10%") is a remedy, not yet a table of thresholds
  if (tiers.length < 2 || (c.availability?.target_percent ?? null) !== null) return;
  const top = tiers.reduce((a, b) => (b.below_percent > a.below_percent ? b : a));
  c.availability = {
    target_percent: top.below_percent,
    window: c.availability?.window ?? null,
    formula: c.availability?.formula ?? null,
    measured_by: c.availability?.measured_by ?? null,
    evidence: uniqueSpans([...(c.availability?.evidence ?? []), ...(top.evidence ?? [])]),
  };
}
