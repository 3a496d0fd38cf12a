import { selectAll } from "css-select";
import type { AnyNode } from "domhandler";
import { parseDocument } from "htmlparser2";
import { SandboxBusyError, sharedSandbox } from "../sandbox/index.js";
import type { WatchDeclaration } from "./watch-declaration.js";

/** What an extraction gives: the text, or why the declaration no longer matches the page. */
export type Extracted =
  | { ok: true; text: string; format: "pdf" | "docx" | "html" | "txt" | "md"; bytes: Uint8Array }
  | { ok: false; reason: string };

/** Below this many characters an extraction is treated as a page whose shape changed. */
export const MIN_EXTRACTED_CHARS = 40;

const PDF_MAGIC = "%PDF-";
const ZIP_MAGIC = "PK\u0003\u0004";

function startsWith(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

function looksLikeHtml(text: string): boolean {
  return /<(?:!doctype\s+html|html|body|div|main|article|section|p|table|h[1-6])\b/i.test(
    text.slice(0, 65536),
  );
}

/**
 * Cuts the kept elements out of the page by their source offsets (minus removed elements inside
 * them), so the fragment is ingested as HTML by the same code as an uploaded page.
 */
export function selectHtmlFragment(
  html: string,
  keep: readonly string[],
  remove: readonly string[],
): { html: string } | { reason: string } {
  const dom = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  const kept: [number, number][] = [];
  for (const selector of keep) {
    let nodes: AnyNode[];
    try {
      nodes = selectAll(selector, dom);
    } catch (err) {
      return { reason: `keep selector "${selector}" is not valid css: ${(err as Error).message}` };
    }
    if (nodes.length === 0) return { reason: `keep selector "${selector}" matched nothing` };
    for (const n of nodes) kept.push([n.startIndex ?? 0, (n.endIndex ?? html.length - 1) + 1]);
  }
  const cuts: [number, number][] = [];
  for (const selector of remove) {
    try {
      for (const n of selectAll(selector, dom)) cuts.push([n.startIndex ?? 0, (n.endIndex ?? 0) + 1]);
    } catch (err) {
      return { reason: `remove selector "${selector}" is not valid css: ${(err as Error).message}` };
    }
  }
  kept.sort((a, b) => a[0] - b[0]);
  cuts.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let end = -1;
  for (const [s, e] of kept) {
    if (s < end) continue; // nested in (or overlapping) an element already kept
    let at = s;
    for (const [cs, ce] of cuts) {
      if (ce <= at || cs >= e) continue;
      if (cs > at) parts.push(html.slice(at, cs));
      at = Math.max(at, ce);
    }
    if (at < e) parts.push(html.slice(at, e));
    parts.push("\n");
    end = e;
  }
  return { html: parts.join("") };
}

/** The text a declaration extracts from a fetched body; "broken" with a reason when it no longer matches. */
export async function extractWatchedText(
  body: Uint8Array,
  extract: WatchDeclaration["extract"],
  name: string,
): Promise<Extracted> {
  if ("whole" in extract) {
    if (extract.whole === "pdf" && !startsWith(body, PDF_MAGIC))
      return { ok: false, reason: "expected a PDF, the response is not one (page shape changed)" };
    if (extract.whole === "docx" && !startsWith(body, ZIP_MAGIC))
      return { ok: false, reason: "expected a DOCX, the response is not one (page shape changed)" };
    return ingestChecked(body, extract.whole, name);
  }
  if (startsWith(body, PDF_MAGIC) || startsWith(body, ZIP_MAGIC))
    return { ok: false, reason: "expected an HTML page, the response is a binary document" };
  const html = new TextDecoder("utf-8").decode(body);
  if (!looksLikeHtml(html)) return { ok: false, reason: "expected an HTML page, the response is not HTML" };
  const fragment = selectHtmlFragment(html, extract.keep, extract.remove);
  if ("reason" in fragment) return { ok: false, reason: fragment.reason };
  return ingestChecked(new TextEncoder().encode(fragment.html), "html", name);
}

async function ingestChecked(
  bytes: Uint8Array,
  format: "pdf" | "docx" | "html" | "txt" | "md",
  name: string,
) {
  let text: string;
  try {
    // a vendor's page is untrusted input: parsed in the sandbox's workers, bounded in time and memory
    text = (await sharedSandbox().ingest(bytes, { name, format })).text;
  } catch (err) {
    if (err instanceof SandboxBusyError) throw err; // transient: the watch stays due and is retried
    return { ok: false as const, reason: `cannot read the ${format}: ${(err as Error).message}` };
  }
  const trimmed = text.trim();
  if (trimmed.length < MIN_EXTRACTED_CHARS)
    return {
      ok: false as const,
      reason: `extracted text has ${trimmed.length} characters (fewer than ${MIN_EXTRACTED_CHARS}): the page shape changed`,
    };
  return { ok: true as const, text, format, bytes };
}
