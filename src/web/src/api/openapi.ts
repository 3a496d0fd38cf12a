let paths: Promise<Set<string>> | null = null;

/** Whether the running server documents a route (OpenAPI path such as `/api/v1/workspaces/{ws}/reviews/{id}/export`). */
export function serverHasRoute(path: string): Promise<boolean> {
  paths ??= fetch("/api/openapi.json")
    .then((r) => (r.ok ? r.json() : { paths: {} }))
    .then((doc: { paths?: Record<string, unknown> }) => new Set(Object.keys(doc.paths ?? {})))
    .catch(() => new Set<string>());
  return paths.then((p) => p.has(path));
}
