import type { ApiError } from "../api/client";

/**
 * A problem's text from its stable code (`problem.<code>` in the catalogue); input errors keep
 * where they are (line, field) and the server's reason. A code the catalogue lacks (or none)
 * falls back to the HTTP status class (`problem.status.4xx`), so a zh page never shows the
 * server's English detail; the en catalogue words that fallback as the detail itself.
 */
export function problemText(err: ApiError, table: Record<string, string>): string | null {
  const statusKey = err.status === 0 ? "0" : err.status >= 500 ? "5xx" : "4xx";
  const template =
    (err.code ? table[`problem.${err.code}`] : undefined) ?? table[`problem.status.${statusKey}`];
  if (!template) return null;
  const first = err.errors[0];
  const vars: Record<string, string> = {
    line: first?.line != null ? String(first.line) : "",
    path: first?.path ?? "",
    message: first?.message ?? err.detail,
    detail: err.detail,
  };
  let text = template;
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, v);
  return text;
}
