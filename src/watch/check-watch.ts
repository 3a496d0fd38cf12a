import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import type { Allowlist, Resolver } from "../probes/index.js";
import { jsonb, newId, type Store, writeAudit } from "../store/index.js";
import type { WatchedDocumentsTable } from "../store/tables/watch.js";
import { type CommitmentChange, diffCommitments, type TermsReading } from "./commitment-diff.js";
import { reviewOfDocument, storeWatchedVersion } from "./documents-adapter.js";
import { extractWatchedText } from "./extract-text.js";
import { fetchPage } from "./fetch-page.js";
import { diffText } from "./text-diff.js";
import { handOnAlert } from "./watch-alert.js";
import { parseWatchDeclaration, type WatchDeclaration } from "./watch-declaration.js";
import { nextDueAt } from "./watch-schedule.js";

export type WatchRow = Selectable<WatchedDocumentsTable>;

export interface WatchFetchOptions {
  allow: Allowlist;
  resolver?: Resolver;
  timeoutMs?: number;
}

export type WatchOutcome = "changed" | "unchanged" | "not_modified" | "broken" | "unreachable";

export interface WatchCheckResult {
  watchId: string;
  outcome: WatchOutcome;
  reason: string | null;
  versionId: string | null;
  changes: CommitmentChange[];
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function contractReading(
  store: Store,
  workspaceId: string,
  contractId: string | null,
): Promise<TermsReading | null> {
  if (!contractId) return null;
  const row = await store.db
    .selectFrom("contracts")
    .select("terms")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", contractId)
    .executeTakeFirst();
  const terms = row?.terms as { commitments?: TermsReading["commitments"] } | undefined;
  return terms?.commitments ? { commitments: terms.commitments } : null;
}

/**
 * Fetches one watched document and records what happened: a raw snapshot always; a new document
 * version (reviewed, diffed against the previous version and the signed contract) only when the
 * extracted text changed; "broken" with its reason when the declaration no longer matches.
 */
export async function checkWatch(
  store: Store,
  watch: WatchRow,
  now: Date,
  opts: WatchFetchOptions,
): Promise<WatchCheckResult> {
  const decl = parseWatchDeclaration(watch.declaration, `watch ${watch.id}`);
  const db = store.db;
  const due = nextDueAt(watch.id, decl.schedule, now);
  const page = await fetchPage(decl.url, {
    allow: opts.allow,
    resolver: opts.resolver,
    timeoutMs: opts.timeoutMs,
    etag: watch.state === "ok" ? watch.etag : null,
    lastModified: watch.state === "ok" ? watch.last_modified : null,
  });
  const snapshot = (
    outcome: WatchOutcome,
    extra: {
      status?: number | null;
      error?: string | null;
      body?: Uint8Array | null;
      contentType?: string | null;
    },
  ) => ({
    id: newId(),
    workspace_id: watch.workspace_id,
    watch_id: watch.id,
    fetched_at: now,
    status: extra.status ?? null,
    outcome,
    error: extra.error ?? null,
    content_type: extra.contentType ?? null,
    sha256: extra.body ? createHash("sha256").update(extra.body).digest("hex") : null,
    body: extra.body ?? null,
  });
  const result = (outcome: WatchOutcome, reason: string | null = null): WatchCheckResult => ({
    watchId: watch.id,
    outcome,
    reason,
    versionId: null,
    changes: [],
  });

  if (page.kind === "not_modified" || page.kind === "failed") {
    const outcome = page.kind === "failed" ? "unreachable" : "not_modified";
    const error = page.kind === "failed" ? page.error : null;
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("watch_snapshots")
        .values(snapshot(outcome, { status: page.status, error }))
        .execute();
      await trx
        .updateTable("watched_documents")
        .set({
          // unreachable is transient: a watch that was ok stays ok in what it last read, its fetch state says why
          state:
            outcome === "unreachable" ? "unreachable" : watch.state === "unreachable" ? "ok" : watch.state,
          broken_reason: outcome === "unreachable" ? error : watch.broken_reason,
          last_fetched_at: now,
          next_due_at: due,
          updated_at: now,
        })
        .where("id", "=", watch.id)
        .execute();
    });
    return result(outcome, error);
  }

  const extracted = await extractWatchedText(page.body, decl.extract, decl.name);
  if (!extracted.ok) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("watch_snapshots")
        .values(
          snapshot("broken", {
            status: page.status,
            error: extracted.reason,
            body: page.body,
            contentType: page.contentType,
          }),
        )
        .execute();
      await trx
        .updateTable("watched_documents")
        .set({
          state: "broken",
          broken_reason: extracted.reason,
          last_fetched_at: now,
          next_due_at: due,
          updated_at: now,
        })
        .where("id", "=", watch.id)
        .execute();
      await handOnAlert(
        trx,
        watch.workspace_id,
        {
          kind: "watch.broken",
          severity: "medium",
          vendorId: watch.vendor_id,
          title: `watch broken: ${decl.name}`,
          details: { watch_id: watch.id, reason: extracted.reason, url: decl.url },
          dedupeKey: `watch-broken:${watch.id}:${sha256(extracted.reason).slice(0, 16)}`,
          evidenceUrl: decl.url,
        },
        now,
      );
    });
    return result("broken", extracted.reason);
  }

  const textSha = sha256(extracted.text);
  const fetchState = {
    state: "ok",
    broken_reason: null,
    etag: page.etag,
    last_modified: page.lastModified,
    last_fetched_at: now,
    next_due_at: due,
    updated_at: now,
  };
  if (textSha === watch.last_text_sha256) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("watch_snapshots")
        .values(
          snapshot("unchanged", { status: page.status, body: page.body, contentType: page.contentType }),
        )
        .execute();
      await trx.updateTable("watched_documents").set(fetchState).where("id", "=", watch.id).execute();
    });
    return result("unchanged");
  }

  // Review and storing the document run before this watch's transaction (the review is slow).
  const stored = await storeWatchedVersion(store, {
    workspaceId: watch.workspace_id,
    vendorId: watch.vendor_id,
    name: decl.name,
    bytes: extracted.bytes,
    format: extracted.format,
    now,
  });
  const previous = watch.last_document_id ? await reviewOfDocument(store, watch.last_document_id) : null;
  const after: TermsReading = stored.review;
  const changes = previous ? diffCommitments(previous.review, after) : [];
  const contract = await contractReading(store, watch.workspace_id, decl.contract_id);
  const contractChanges = contract ? diffCommitments(contract, after) : [];
  const textDiff = diffText(previous?.text ?? "", extracted.text, decl.name);
  const weakened = changes.filter((c) => c.direction === "weakened");
  const versionId = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("watch_snapshots")
      .values(snapshot("changed", { status: page.status, body: page.body, contentType: page.contentType }))
      .execute();
    await trx
      .insertInto("watch_versions")
      .values({
        id: versionId,
        workspace_id: watch.workspace_id,
        watch_id: watch.id,
        document_id: stored.documentId,
        previous_document_id: watch.last_document_id,
        text_sha256: textSha,
        changes: jsonb(changes),
        contract_changes: jsonb(contractChanges),
        text_diff: jsonb(textDiff),
        created_at: now,
      })
      .execute();
    await trx
      .updateTable("watched_documents")
      .set({ ...fetchState, last_text_sha256: textSha, last_document_id: stored.documentId })
      .where("id", "=", watch.id)
      .execute();
    for (const c of weakened) {
      await trx
        .insertInto("vendor_findings")
        .values({
          id: newId(),
          workspace_id: watch.workspace_id,
          vendor_id: watch.vendor_id,
          source: "watch",
          source_id: versionId,
          finding_id: `watch.weakened.${c.id}`,
          severity: c.topic === "availability" || c.topic === "credits" ? "high" : "medium",
          title: `${decl.name}: ${c.summary}`,
          detail: `the vendor's published ${decl.name} changed on ${now.toISOString()}: ${c.summary}`,
          evidence: jsonb({ before: c.before_evidence, after: c.after_evidence, url: decl.url }),
          created_at: now,
        })
        .onConflict((oc) => oc.columns(["workspace_id", "source_id", "finding_id"]).doNothing())
        .execute();
    }
    if (weakened.length > 0)
      await handOnAlert(
        trx,
        watch.workspace_id,
        {
          kind: "terms.weakened",
          severity: weakened.some((c) => c.topic === "availability" || c.topic === "credits")
            ? "high"
            : "medium",
          vendorId: watch.vendor_id,
          title: `${decl.name}: ${weakened.map((c) => c.summary).join("; ")}`,
          details: {
            watch_id: watch.id,
            version_id: versionId,
            document_id: stored.documentId,
            changes: weakened,
          },
          dedupeKey: `terms-weakened:${watch.id}:${textSha}`,
          evidenceUrl: decl.url,
        },
        now,
      );
    await writeAudit(trx, {
      workspaceId: watch.workspace_id,
      actorId: null,
      action: "version",
      entity: "watch",
      entityId: watch.id,
      details: { version_id: versionId, document_id: stored.documentId, weakened: weakened.length },
      at: now,
    });
  });
  return { watchId: watch.id, outcome: "changed", reason: null, versionId, changes };
}

export type { WatchDeclaration };
