import type { Commitments } from "../../terms/index.js";
import type { Extraction, Signal } from "../extraction.js";
import { extractAvailability } from "./availability.js";
import { makeContext, resetMatchMemo } from "./context.js";
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
const T: Record<string, number> = ((globalThis as any).T2 ??= {});
function tm<R>(k: string, f: () => R): R { const t0 = performance.now(); const r = f(); T[k] = (T[k] ?? 0) + performance.now() - t0; return r; }
export function extractCommitments(text: string): Extraction {
  const lexicon = loadLexicon();
  resetMatchMemo();
  resetNumberMemo();
  const doc = tm("read", () => readDocument(text, lexicon));
  const ctx = makeContext(doc, bindingSegments(doc));
  const notes: Signal[] = [];
  const rca = tm("extractRca", () => extractRca(ctx, notes));
  const exclusions = tm("extractExclusions", () => extractExclusions(ctx));
  let maintenance = tm("extractMaintenance", () => extractMaintenance(ctx, notes));
  const excludedMaintenance = exclusions.find((e) => e.category === "maintenance");
  if (excludedMaintenance) {
    maintenance ??= { notice_hours: null, window: null, excluded_from_availability: null, evidence: [] };
    if (maintenance.excluded_from_availability == null) {
      maintenance.excluded_from_availability = true;
      maintenance.evidence = uniqueSpans([...maintenance.evidence, ...excludedMaintenance.evidence]);
    }
  }
  const commitments: Commitments = {
    availability: tm("extractAvailability", () => extractAvailability(ctx)),
    credits: tm("extractCredits", () => extractCredits(ctx)),
    support: tm("extractSupport", () => extractSupport(ctx)),
    rca,
    maintenance,
    upgrades: tm("extractUpgrades", () => extractUpgrades(ctx)),
    data_exit: tm("extractDataExit", () => extractDataExit(ctx)),
    exclusions,
    scenario: tm("extractScenarioItems", () => extractScenarioItems(ctx)),
    practice: tm("extractPracticeItems", () => extractPracticeItems(ctx)),
  };
  return { commitments, signals: [...tm("extractSignals", () => extractSignals(ctx, rca?.committed === true)), ...notes] };
}
