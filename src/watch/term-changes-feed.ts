import { FileResult, requireRole, type Verb } from "../context/index.js";
import { escapeHtml } from "../escape/index.js";
import type { CommitmentChange } from "./commitment-diff.js";

/** XML text: the five characters, and control characters XML 1.0 forbids dropped. */
function xml(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing characters XML cannot carry
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ""));
}

export interface FeedEntry {
  id: string;
  watchName: string;
  vendorName: string;
  url: string;
  at: Date;
  changes: CommitmentChange[];
}

/** An Atom 1.0 feed of term changes (every text escaped). */
export function renderTermChangesFeed(
  workspaceId: string,
  entries: FeedEntry[],
  updated: Date,
  selfUrl: string,
): string {
  const items = entries.map((e) => {
    const weakened = e.changes.filter((c) => c.direction === "weakened");
    const title = weakened.length
      ? `${e.vendorName} ${e.watchName}: ${weakened.map((c) => c.summary).join("; ")}`
      : `${e.vendorName} ${e.watchName}: text changed`;
    const lines =
      e.changes.map((c) => `${c.direction}: ${c.summary}`).join("\n") ||
      "text changed, no commitment changed";
    return [
      "  <entry>",
      `    <id>urn:termsight:watch-version:${xml(e.id)}</id>`,
      `    <title>${xml(title)}</title>`,
      `    <updated>${e.at.toISOString()}</updated>`,
      `    <link href="${xml(e.url)}"/>`,
      `    <content type="text">${xml(lines)}</content>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:termsight:workspace:${xml(workspaceId)}:term-changes</id>`,
    "  <title>Termsight: vendor term changes</title>",
    `  <updated>${updated.toISOString()}</updated>`,
    `  <link rel="self" href="${xml(selfUrl)}"/>`,
    ...items,
    "</feed>",
    "",
  ].join("\n");
}

/** The workspace's latest term changes (versions made by watches) as Atom XML. */
export const termChangesFeed: Verb<{ self_url: string; limit?: number }, string> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  const rows = await ctx.db
    .selectFrom("watch_versions as v")
    .innerJoin("watched_documents as w", "w.id", "v.watch_id")
    .innerJoin("vendors as vd", "vd.id", "w.vendor_id")
    .select(["v.id", "v.created_at", "v.changes", "w.name", "w.declaration", "vd.name as vendor_name"])
    .where("v.workspace_id", "=", ws)
    .where("v.previous_document_id", "is not", null)
    .orderBy("v.created_at", "desc")
    .limit(Math.min(input.limit ?? 50, 200))
    .execute();
  const entries = rows.map((r) => ({
    id: r.id,
    watchName: r.name,
    vendorName: r.vendor_name,
    url: (r.declaration as { url: string }).url,
    at: r.created_at,
    changes: r.changes as CommitmentChange[],
  }));
  return renderTermChangesFeed(ws, entries, entries[0]?.at ?? ctx.now, input.self_url);
};

/** The term-changes feed as an Atom document to serve. */
export const termChangesAtom: Verb<{ self_url: string; limit?: number }, FileResult> = async (args) =>
  FileResult.text(await termChangesFeed(args), "application/atom+xml; charset=utf-8");
