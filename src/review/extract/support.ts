import type { Channel, Support } from "../../terms/index.js";
import { type ExtractContext, has, hasIn } from "./context.js";
import { lexUnion } from "./lexicon.js";
import { uniqueSpans } from "./span.js";
import { coverageOf, extractSupportTiers } from "./support-tiers.js";

const CHANNELS: [Channel, string][] = [
  ["phone", "channel_phone"],
  ["email", "channel_email"],
  ["ticket", "channel_ticket"],
  ["chat", "channel_chat"],
  ["im", "channel_im"],
  ["tam", "channel_tam"],
];

const CHANNEL_GATE = () => lexUnion(CHANNELS.map(([, name]) => name));

/** Support tiers, channels, dedicated contact, overall coverage and escalation. */
export function extractSupport(ctx: ExtractContext): Support | null {
  const tiers = extractSupportTiers(ctx);
  const evidence = tiers.flatMap((t) => t.evidence);
  const channels = new Set<Channel>();
  let dedicated: boolean | null = null;
  let coverage: Support["coverage"] = null;
  let escalation: boolean | null = null;
  const channelGate = CHANNEL_GATE();
  for (const s of ctx.binding) {
    if (escalation === null && has("escalation", s.text) && !has("upgrade_context", s.text)) {
      escalation = true;
      evidence.push(ctx.spanOf(s));
    }
    const supportish = has("support", s.text) || hasIn("support", s.section) || hasIn("support", s.lead);
    if (!supportish) {
      // "Dedicated account manager" in a plan's feature list names a contact without the word "support"
      if (has("channel_tam", s.text) && has("dedicated_contact", s.text) && !has("credit", s.text)) {
        channels.add("tam");
        dedicated = true;
        evidence.push(ctx.spanOf(s));
      }
      continue;
    }
    if (has("credit", s.text)) continue;
    let hit = false;
    const mayName = channelGate.test(s.text);
    for (const [channel, name] of mayName ? CHANNELS : []) {
      if (has(name, s.text)) {
        channels.add(channel);
        hit = true;
      }
    }
    if ((mayName && has("channel_tam", s.text)) || has("dedicated_contact", s.text)) {
      dedicated = true;
      hit = true;
    }
    if (coverage === null && s.kind !== "row") {
      coverage = coverageOf(s.text);
      if (coverage) hit = true;
    }
    if (hit) evidence.push(ctx.spanOf(s));
  }
  if (coverage === null && !ctx.doc.commentary) {
    const heading = ctx.doc.segments.find(
      (s) =>
        s.kind === "heading" &&
        s.binding === "binding" &&
        has("support", s.text) &&
        coverageOf(s.text) !== null,
    );
    if (heading) {
      coverage = coverageOf(heading.text);
      evidence.push(ctx.spanOf(heading));
    }
  }
  if (
    tiers.length === 0 &&
    channels.size === 0 &&
    coverage === null &&
    dedicated === null &&
    escalation === null
  )
    return null;
  const order = CHANNELS.map(([c]) => c).filter((c) => channels.has(c));
  return {
    tiers,
    channels: order,
    dedicated_contact: dedicated,
    coverage,
    escalation,
    evidence: uniqueSpans(evidence),
  };
}
