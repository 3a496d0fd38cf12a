import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** `dist/web` under the package root (this file is two folders deep in both src/ and dist/). */
export function defaultWebRoot(): string {
  return join(fileURLToPath(new URL("../..", import.meta.url)), "dist", "web");
}

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Termsight</title></head>
<body><h1>Termsight</h1><p>The web UI is not built. The API is at <a href="/api/docs">/api/docs</a>
(OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a>).</p></body></html>
`;

/**
 * True for paths the SPA fallback must not answer: `/api…`, `/assets/…` and any path whose last
 * segment has a file extension (a missing `app.js` is a 404, not index.html).
 */
export function isFilePath(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  if (path === "/api" || path.startsWith("/api/") || path.startsWith("/assets/")) return true;
  const last = path.slice(path.lastIndexOf("/") + 1);
  return /\.[A-Za-z0-9]+$/.test(last);
}

/**
 * Serves the built web UI: files are looked up on each request (a rebuilt `dist/web` is served
 * without a restart), with an SPA fallback (a GET page path that is not a file → index.html),
 * or a small page pointing at the API docs while there is no build. Missing files, `/assets/…`
 * and `/api` paths get problem+json 404s.
 */
export async function registerWebRoot(
  app: FastifyInstance,
  webRoot: string | null,
  notFound: (request: FastifyRequest, reply: FastifyReply) => unknown,
): Promise<void> {
  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: ["index.html"],
      suppressWarning: true,
      setHeaders: (reply, path) => {
        // Hashed bundles never change; index.html and the rest are revalidated after a rebuild.
        const immutable = relative(webRoot, path).startsWith(`assets${sep}`);
        reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  } else
    app.get("/", { schema: { hide: true } }, async (_req, reply) =>
      reply.type("text/html").send(PLACEHOLDER),
    );
  app.setNotFoundHandler((request, reply) => {
    const isPage = (request.method === "GET" || request.method === "HEAD") && !isFilePath(request.url);
    if (!isPage) return notFound(request, reply);
    // not returned: fastify awaits a returned reply (a thenable) once per pending hook
    if (webRoot && existsSync(join(webRoot, "index.html"))) reply.type("text/html").sendFile("index.html");
    else reply.type("text/html").send(PLACEHOLDER);
  });
}
