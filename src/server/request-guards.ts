import type { FastifyInstance, FastifyRequest } from "fastify";
import { checkInputValue, InputError, UnauthorizedError } from "../errors/index.js";
import type { Role } from "../store/index.js";
import { requireMember } from "./auth/require-member.js";

/** JSON bodies of ordinary routes; routes that take files or imports raise it for themselves. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The workspace role a write needs, checked before its body is read (uploads and imports:
     * a viewer's 50 MB upload is refused before a byte of it is buffered).
     */
    bodyRole?: Role;
  }
}

/**
 * The onRequest checks that must run before a body is read: a NUL character in the path or
 * query is a 400 (PostgreSQL text cannot hold it), a route that needs a caller refuses an
 * anonymous one with 401, and a write to a workspace refuses a non-member with 404 (and a
 * member below the route's `bodyRole` with 403) while the body is still unread.
 */
export async function guardBeforeBody(request: FastifyRequest): Promise<void> {
  if (request.url.includes("%00") || request.url.includes("\u0000"))
    throw new InputError("url", "contains a NUL character (%00)");
  checkInputValue(request.query, "query");
  const schema = request.routeOptions.schema as { security?: unknown } | undefined;
  if (!schema?.security) return;
  if (!request.principal) throw new UnauthorizedError(request.authProblem ?? "authentication required");
  if (SAFE_METHODS.has(request.method)) return;
  const ws = (request.params as { ws?: unknown } | undefined)?.ws;
  if (typeof ws !== "string" || ws === "") return;
  await requireMember(request, ws, request.routeOptions.config.bodyRole ?? "viewer");
}

/**
 * JSON bodies parsed as fastify does (prototype poisoning refused), then held to the input
 * limits: no nesting past MAX_INPUT_DEPTH, no NUL characters.
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    parseJson(request, body as string, (err, value) => {
      if (err) return done(err, undefined);
      try {
        checkInputValue(value, "body");
      } catch (checkErr) {
        return done(checkErr as Error, undefined);
      }
      done(null, value);
    });
  });
}
