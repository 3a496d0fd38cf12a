import { readFile } from "node:fs/promises";
import { stringify } from "yaml";
import { systemCtx } from "../context/index.js";
import { addContract } from "../contracts/index.js";
import { uploadDocument } from "../documents/index.js";
import type { Store } from "../store/index.js";
import { dumpTerms, type ReviewResult } from "../terms/index.js";
import { DEMO_POLICY, seedDemoTickets } from "../tickets/index.js";
import { createVendor } from "../vendors/index.js";
import { addWorkspace } from "../workspaces/index.js";

/** The bundled example documents and the vendor each belongs to. */
export const DEMO_DOCUMENTS = [
  { file: "kestrel-speech-support-en.docx", vendor: "Kestrel Speech", website: "https://kestrel.example" },
  { file: "lumen-voice-sla.html", vendor: "Lumen Voice", website: "https://lumen.example" },
  { file: "yunchuan-rtc-sla-zh.pdf", vendor: "Yunchuan RTC", website: "https://yunchuan.example" },
] as const;

export const DEMO_WORKSPACE = "Demo: voice customer service vendors";
export const DEMO_SCENARIO = "voice-cs";

const EXAMPLES = new URL("../../examples/", import.meta.url);

export interface DemoSeed {
  workspaceId: string;
  vendorIds: string[];
  documentIds: string[];
  /** The two documents to compare (both English, same scenario). */
  comparedPair: [string, string];
  contractId: string;
  tickets: number;
}

/**
 * On first start (no workspace yet) seeds a demo workspace: the example documents ingested and
 * reviewed for the voice customer-service scenario under their vendors, a compared pair, one
 * signed contract (terms YAML with an SLA policy) and a few tickets in different SLA states.
 * Returns null when the store already has data. The workspace has no member until setup, which
 * makes the first admin its admin too.
 */
export async function seedDemo(store: Store, opts: { now?: Date } = {}): Promise<DemoSeed | null> {
  const now = opts.now ?? new Date();
  const any = await store.db.selectFrom("workspaces").select("id").limit(1).executeTakeFirst();
  if (any) return null;
  // The same verbs the API calls, as the system: no member until setup makes the first admin its admin.
  const { id: workspaceId } = await addWorkspace({
    ctx: systemCtx(store, null, now),
    input: { name: DEMO_WORKSPACE },
  });
  const vendorIds: string[] = [];
  const documentIds: string[] = [];
  const reviews: ReviewResult[] = [];
  for (const [i, d] of DEMO_DOCUMENTS.entries()) {
    // a millisecond apart, so lists show them in a stable order
    const ctx = systemCtx(store, workspaceId, new Date(now.getTime() + i));
    const vendor = await createVendor({
      ctx,
      input: { name: d.vendor, website: d.website, notes: "demo data" },
    });
    const bytes = new Uint8Array(await readFile(new URL(d.file, EXAMPLES)));
    const stored = await uploadDocument({
      ctx: systemCtx(store, workspaceId, now),
      input: { bytes, name: d.file, vendor_id: vendor.id, scenario: DEMO_SCENARIO },
    });
    vendorIds.push(vendor.id);
    documentIds.push(stored.document.id);
    reviews.push(stored.review.result as ReviewResult);
  }
  const year = now.getUTCFullYear();
  const yaml = [
    dumpTerms(reviews[0] as ReviewResult, { vendor: DEMO_DOCUMENTS[0].vendor }).replace(
      /effective:\n(\s+)from: null\n\s+to: null/,
      `effective:\n$1from: "${year}-01-01"\n$1to: "${year}-12-31"`,
    ),
    stringify({ sla_policy: DEMO_POLICY }),
  ].join("\n");
  const contract = await addContract({
    ctx: systemCtx(store, workspaceId, now),
    input: { yaml, name: `${DEMO_DOCUMENTS[0].vendor} support agreement ${year}`, vendor_id: vendorIds[0] },
  });
  const tickets = await seedDemoTickets(store, workspaceId, now);
  return {
    workspaceId,
    vendorIds,
    documentIds,
    comparedPair: [documentIds[0] as string, documentIds[1] as string],
    contractId: contract.id,
    tickets,
  };
}
