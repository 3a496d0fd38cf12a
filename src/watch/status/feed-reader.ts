import { createHash } from "node:crypto";
import { selectAll, selectOne } from "css-select";
import type { Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { dateOrNull, SourceUnreadable, type StatusEvent } from "./status-event.js";

function textOf(el: Element | null): string {
  if (!el) return "";
  const parts: string[] = [];
  const walk = (n: { type?: string; data?: string; children?: unknown[] }) => {
    if (n.type === "text" || n.type === "cdata") {
      if (n.type === "text") parts.push(n.data ?? "");
    }
    for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
  };
  walk(el as never);
  return parts.join("").trim();
}

/** Feed text is often escaped HTML: tags dropped, entities the parser already decoded. */
function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}

const XML = { xmlMode: true };
const MAINTENANCE = /maintenance|维护|維護|scheduled/i;
const RESOLVED = /\bresolved\b|已恢复|已解决/i;

/** RSS 2.0 items or Atom entries of a status feed; a maintenance is recognised by its words. */
export function readStatusFeed(xml: string): StatusEvent[] {
  const dom = parseDocument(xml, { xmlMode: true, decodeEntities: true });
  const root = selectOne("rss, feed, rdf\\:RDF", dom, XML);
  if (!root) throw new SourceUnreadable("not an RSS or Atom feed");
  const items = selectAll("item, entry", dom, XML) as unknown as Element[];
  return items.map((item) => {
    const title = plain(textOf(selectOne("title", item, XML) as Element | null));
    const body = plain(
      textOf(
        (selectOne("description", item, XML) ??
          selectOne("content", item, XML) ??
          selectOne("summary", item, XML)) as Element | null,
      ),
    );
    const linkEl = selectOne("link", item, XML) as Element | null;
    const link = linkEl?.attribs?.href ?? textOf(linkEl);
    const guid = textOf((selectOne("guid", item, XML) ?? selectOne("id", item, XML)) as Element | null);
    const published = dateOrNull(
      textOf(
        (selectOne("pubDate", item, XML) ??
          selectOne("published", item, XML) ??
          selectOne("updated", item, XML)) as Element | null,
      ),
    );
    const externalId =
      guid ||
      link ||
      createHash("sha256").update(`${title}\n${published?.toISOString()}`).digest("hex").slice(0, 32);
    const kind = MAINTENANCE.test(title) ? "maintenance" : "incident";
    return {
      externalId,
      kind,
      title,
      body,
      status: RESOLVED.test(title) || RESOLVED.test(body.split("\n")[0] ?? "") ? "resolved" : null,
      impact: null,
      components: [],
      startedAt: kind === "incident" ? published : null,
      // a feed gives one date per item: when it ended is not stated
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      declaredAt: published,
    };
  });
}
