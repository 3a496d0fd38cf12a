import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** `dist/web` under the package root (this file is two folders deep in both src/ and dist/). */
export function defaultWebRoot(): string | null {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const dir = join(root, "dist", "web");
  return existsSync(join(dir, "index.html")) ? dir : null;
}

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Termsight</title></head>
<body><h1>Termsight</h1><p>The web UI is not built. The API is at <a href="/api/docs">/api/docs</a>
(OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a>).</p></body></html>
`;

/**
 * Serves the built web UI with an SPA fallback (any non-/api GET that is not a file → index.html),
 * or a small page pointing at the API docs when there is no build. /api paths get problem+json 404s.
 */
export async function registerWebRoot(
  app: FastifyInstance,
  webRoot: string | null,
  notFound: (request: FastifyRequest, reply: FastifyReply) => unknown,
): Promise<void> {
  if (webRoot) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ["index.html"] });
  else
    app.get("/", { schema: { hide: true } }, async (_req, reply) =>
      reply.type("text/html").send(PLACEHOLDER),
    );
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === "GET" && !request.url.startsWith("/api");
    if (!isPage) return notFound(request, reply);
    if (webRoot) return reply.type("text/html").sendFile("index.html");
    return reply.type("text/html").send(PLACEHOLDER);
  });
}
