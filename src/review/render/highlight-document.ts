import { escapeHtml } from "./escape-html.js";

/** A span to highlight: its anchor id, a CSS class, the element it links to, and a priority (higher wins on overlap). */
export interface Highlight {
  start: number;
  end: number;
  id: string;
  className: string;
  target: string;
  priority: number;
}

/**
 * The document text as HTML with every highlight wrapped in `<mark>` and an anchor at each span's
 * start. Overlapping spans split into segments; a segment shows its highest-priority span.
 * Spans outside the text are ignored. Linear in text length plus spans·log(spans).
 */
export function highlightDocument(text: string, highlights: Highlight[]): string {
  const valid = highlights.filter((h) => h.start >= 0 && h.end <= text.length && h.start < h.end);
  const points = new Set<number>([0, text.length]);
  for (const h of valid) {
    points.add(h.start);
    points.add(h.end);
  }
  const cuts = [...points].sort((a, b) => a - b);
  const starting = new Map<number, Highlight[]>();
  for (const h of valid) {
    const list = starting.get(h.start);
    if (list) list.push(h);
    else starting.set(h.start, [h]);
  }
  const active: Highlight[] = [];
  const out: string[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const from = cuts[i];
    const to = cuts[i + 1];
    for (let k = active.length - 1; k >= 0; k--) if (active[k].end <= from) active.splice(k, 1);
    for (const h of starting.get(from) ?? []) {
      active.push(h);
      out.push(`<a class="anchor" id="${escapeHtml(h.id)}"></a>`);
    }
    const chunk = escapeHtml(text.slice(from, to));
    if (active.length === 0) {
      out.push(chunk);
      continue;
    }
    let top = active[0];
    for (const h of active) if (h.priority > top.priority) top = h;
    out.push(
      `<mark class="${escapeHtml(top.className)}" data-target="${escapeHtml(top.target)}">${chunk}</mark>`,
    );
  }
  return out.join("");
}
