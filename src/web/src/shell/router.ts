import { useEffect, useState } from "react";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener("termsight:navigate", onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener("termsight:navigate", onChange);
  };
}

/** The current path (history API); `navigate` pushes a new one. The server serves index.html for any page path. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => subscribe(() => setPath(location.pathname)), []);
  return path;
}

/** The current query string as URLSearchParams (filters and sorting live in the URL). */
export function useSearch(): URLSearchParams {
  const [search, setSearch] = useState(location.search);
  useEffect(() => subscribe(() => setSearch(location.search)), []);
  return new URLSearchParams(search);
}

/** Replaces query parameters without a new history entry (empty values are removed). */
export function setSearch(values: Record<string, string | null | undefined>): void {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v) params.set(k, v);
    else params.delete(k);
  }
  const q = params.toString();
  history.replaceState(null, "", `${location.pathname}${q ? `?${q}` : ""}`);
  window.dispatchEvent(new Event("termsight:navigate"));
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new Event("termsight:navigate"));
}

/** Matches `/tickets/:id` against a path: the named segments, or null. Trailing slashes are ignored. */
export function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}
