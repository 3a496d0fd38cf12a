const htmlEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEntities[c] as string);
}

/**
 * Text from a document or a user (quotes, names, notes) inside Markdown: `<`, `>` and `&` become
 * entities, so a Markdown viewer shows `<script>` as text instead of passing raw HTML through.
 * Markdown punctuation is left alone: the exports stay readable as plain text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[&<>]/g, (c) => htmlEntities[c] as string);
}
