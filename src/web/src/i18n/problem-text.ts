import type { ApiError } from "../api/client";

/**
 * A problem's text from its stable code (`problem.<code>` in the catalogue); input errors keep
 * where they are (line, field) and the server's reason. Null when the catalogue lacks the code.
 */
export function problemText(err: ApiError, table: Record<string, string>): string | null {
  if (!err.code) return null;
  const template = table[`problem.${err.code}`];
  if (!template) return null;
  const first = err.errors[0];
  const vars: Record<string, string> = {
    line: first?.line != null ? String(first.line) : "",
    path: first?.path ?? "",
    message: first?.message ?? err.detail,
  };
  let text = template;
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, v);
  return text;
}
