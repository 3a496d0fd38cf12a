import { readFile } from "node:fs/promises";
import { stringify } from "yaml";
import { createContract } from "../contracts/index.js";
import { storeDocument } from "../documents/index.js";
import { newId, type Store, writeAudit } from "../store/index.js";
import { dumpTerms, type ReviewResult } from "../terms/index.js";
import { DEMO_POLICY, seedDemoTickets } from "../tickets/index.js";

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
  const workspaceId = newId();
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("workspaces")
      .values({ id: workspaceId, name: DEMO_WORKSPACE, created_at: now, updated_at: now })
      .execute();
    await writeAudit(trx, {
      workspaceId,
      actorId: null,
      action: "create",
      entity: "workspace",
      entityId: workspaceId,
      details: { demo: true },
      at: now,
    });
  });
  const vendorIds: string[] = [];
  const documentIds: string[] = [];
  const reviews: ReviewResult[] = [];
  for (const [i, d] of DEMO_DOCUMENTS.entries()) {
    // a millisecond apart, so lists show them in a stable order
    const at = new Date(now.getTime() + i);
    const vendorId = newId();
    await store.db
      .insertInto("vendors")
      .values({
        id: vendorId,
        workspace_id: workspaceId,
        name: d.vendor,
        website: d.website,
        notes: "demo data",
        created_at: at,
        updated_at: at,
      })
      .execute();
    const bytes = new Uint8Array(await readFile(new URL(d.file, EXAMPLES)));
    const stored = await storeDocument(store, {
      workspaceId,
      actorId: null,
      bytes,
      name: d.file,
      vendorId,
      scenario: DEMO_SCENARIO,
      now,
    });
    vendorIds.push(vendorId);
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
  const contract = await store.db.transaction().execute((trx) =>
    createContract(trx, {
      workspaceId,
      actorId: null,
      yaml,
      name: `${DEMO_DOCUMENTS[0].vendor} support agreement ${year}`,
      vendorId: vendorIds[0],
      now,
    }),
  );
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
