import type { Commitments } from "../../terms/index.js";
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

/**
 * Reads a terms document (zh, en or mixed) and returns what it commits to, each value with the
 * exact spans it came from, plus signals (vague wording, traps) for the findings engine.
 * Commentary, marketing and examples are never read as commitments.
 */
export function extractCommitments(text: string): Extraction {
  const lexicon = loadLexicon();
  resetNumberMemo();
  resetContextMemo();
  const doc = readDocument(text, lexicon);
  const ctx = makeContext(doc, bindingSegments(doc));
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
  return { commitments, signals: [...extractSignals(ctx, rca?.committed === true), ...notes] };
}
