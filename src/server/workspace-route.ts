import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HTTPMethods,
  RouteShorthandOptions,
} from "fastify";
import type { z } from "zod";
import { requireInstanceAdmin } from "../accounts/index.js";
import { type Ctx, FileResult, requireRole, type Verb } from "../context/index.js";
import { UnauthorizedError } from "../errors/index.js";
import type { Role } from "../store/index.js";
import { expectedVersion, setVersionTag } from "./concurrency.js";
import { requestCtx } from "./request-ctx.js";
import { docs, parseInput, WorkspaceParams } from "./validation.js";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The parsed parts of a request, handed to `input` to build the verb's input. */
export interface RequestParts {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  /** The raw body of a text content type, when the spec says `textBody`. */
  text: string | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

interface RouteSpecBase<I, O> {
  method: Method;
  /** The path under /api/v1, fastify style (`/workspaces/:ws/vendors/:id`). */
  path: string;
  summary: string;
  tags: string[];
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Response schemas by status, for the OpenAPI document only. */
  response?: Record<number, z.ZodType>;
  /** Status of a success (default 200; 204 sends no body), or chosen from the result (201 created, 200 found). */
  status?: 200 | 201 | 202 | 204 | ((result: O) => 200 | 201);
  /** What is answered instead of the verb's result (a face-only field such as a link with this host). */
  view?: (result: O, request: FastifyRequest) => unknown;
  /** The verb changed credentials or memberships: the auth cache is cleared after it committed. */
  clearsAuthCache?: boolean;
  /** An absent body counts as `{}` (the body's fields are all optional). */
  optionalBody?: boolean;
  /** A text body (e.g. application/yaml) reaches `input` as `parts.text` instead of being parsed with `body`. */
  textBody?: boolean;
  /**
   * Reads the request instead of the route-level parses of `body` and `query` (which then only
   * document them): for a verb that validates its input itself and names the failing field
   * (`body.event.at`), or a body read as a stream (multipart files). What it returns is `parts.body`.
   */
  readBody?: (request: FastifyRequest) => unknown;
  /**
   * The result carries a `version`: it is answered as `ETag: "<version>"`, and the input's
   * `version` is the one the client expects (If-Match, else body.version), so a stale write is 409.
   */
  versioned?: boolean;
  /** Builds the verb input (default: the params except `ws`, then the query, then the body). */
  input?: (parts: RequestParts) => I | Promise<I>;
  /** Sends the result itself (cookies, headers); default: a FileResult as a file, else JSON with `status`. */
  send?: (reply: FastifyReply, result: O, request: FastifyRequest) => unknown;
  /**
   * A permission the verb checks beyond the role (the same function the verb calls), made before
   * the body is parsed so that a caller who may not act hears 403 rather than 400.
   */
  check?: (ctx: Ctx) => unknown;
  /** Extra fastify route options (bodyLimit, config). */
  options?: Omit<RouteShorthandOptions, "schema">;
  consumes?: string[];
}

export interface WorkspaceRouteSpec<I, O> extends RouteSpecBase<I, O> {
  /**
   * The least role the verb asks for: checked before the body is parsed, so a viewer sending a bad
   * body hears 403 (as the verb would say), not 400. The verb checks it again (it is the rule).
   */
  role: Role;
}

/** Who may call an instance route: anyone, a signed-in user, or an instance admin. */
export type InstanceAccess = "anyone" | "user" | "instance-admin";

export interface InstanceRouteSpec<I, O> extends RouteSpecBase<I, O> {
  access: InstanceAccess;
  /** Documents the session/bearer requirement (default: access !== "anyone"). */
  auth?: boolean;
}

function defaultInput({ params, query, body }: RequestParts): unknown {
  const { ws: _ws, ...rest } = params;
  return { ...rest, ...query, ...body };
}

function register<I, O>(
  app: FastifyInstance,
  spec: RouteSpecBase<I, O>,
  params: z.ZodType | undefined,
  auth: boolean,
  ctxOf: (request: FastifyRequest, params: Record<string, unknown>) => Promise<Ctx>,
  verb: Verb<I, O>,
): void {
  app.route({
    ...spec.options,
    method: spec.method as HTTPMethods,
    url: spec.path,
    schema: docs({
      tags: spec.tags,
      summary: spec.summary,
      description: spec.description,
      params,
      querystring: spec.query,
      body: spec.body,
      response: spec.response,
      consumes: spec.consumes,
      auth,
    }),
    handler: async (request, reply) => {
      // Who may call comes first (401/404/403), then what was sent (400): a non-member never
      // learns which ids or versions are well-formed.
      const ctx = await ctxOf(request, request.params as Record<string, unknown>);
      const parsedParams = (params ? parseInput("params", params, request.params) : {}) as Record<
        string,
        unknown
      >;
      if (spec.check) await spec.check(ctx);
      const query = (
        spec.query && !spec.readBody ? parseInput("query", spec.query, request.query) : {}
      ) as Record<string, unknown>;
      const text = spec.textBody && typeof request.body === "string" ? request.body : null;
      const body = (
        spec.readBody
          ? ((await spec.readBody(request)) ?? (spec.optionalBody ? {} : undefined))
          : spec.body && text === null
            ? parseInput("body", spec.body, request.body ?? (spec.optionalBody ? {} : undefined))
            : {}
      ) as Record<string, unknown>;
      const parts: RequestParts = { params: parsedParams, query, body, text, request, reply };
      const input = (await (spec.input ?? defaultInput)(parts)) as I & { version?: number };
      if (spec.versioned && spec.method !== "GET" && spec.method !== "POST") {
        const expected = expectedVersion(request, body?.version as number | undefined);
        if (expected !== null) input.version = expected;
      }
      const result = await verb({ ctx, input });
      // After the commit, so no concurrent request re-caches what the verb just changed.
      if (spec.clearsAuthCache) request.server.authCache.clear();
      if (spec.versioned) {
        const version = (result as { version?: unknown } | undefined)?.version;
        if (typeof version === "number") setVersionTag(reply, version);
      }
      if (spec.send) return spec.send(reply, result, request);
      if (spec.status === 204) return reply.status(204).send();
      const status = typeof spec.status === "function" ? spec.status(result) : (spec.status ?? 200);
      if (result instanceof FileResult) return sendFile(reply.status(status), result);
      return reply.status(status).send(spec.view ? spec.view(result, request) : result);
    },
  });
}

function disposition(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]+/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A verb's file (report, PDF, zip, YAML, Atom): its bytes with its type, a download when named. */
function sendFile(reply: FastifyReply, file: FileResult) {
  reply.type(file.contentType);
  if (file.fileName !== null) reply.header("content-disposition", disposition(file.fileName));
  return reply.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}

/** The caller, or 401 with the reason a presented credential was refused (expired, revoked…). */
function requireCaller(request: FastifyRequest): void {
  if (!request.principal) throw new UnauthorizedError(request.authProblem ?? "authentication required");
}

/**
 * One workspace route: its OpenAPI docs, the parsed params/query/body, the verb context
 * (401 anonymous, 404 non-member, 403 below `role`), the verb call, the ETag and the status.
 */
export function workspaceRoute<I, O>(app: FastifyInstance, spec: WorkspaceRouteSpec<I, O>, verb: Verb<I, O>) {
  // A write checks the role before its body is read (request-guards): a viewer's upload is refused unread.
  const options = { ...spec.options, config: { bodyRole: spec.role, ...spec.options?.config } };
  register(
    app,
    { ...spec, options },
    spec.params ?? WorkspaceParams,
    true,
    async (request, params) => {
      requireCaller(request);
      const ctx = await requestCtx(request, params.ws as string);
      requireRole(ctx, spec.role);
      return ctx;
    },
    verb,
  );
}

/** One route outside a workspace (account, admin, setup, sign-in): same shape, instance access. */
export function instanceRoute<I, O>(app: FastifyInstance, spec: InstanceRouteSpec<I, O>, verb: Verb<I, O>) {
  register(
    app,
    spec,
    spec.params,
    spec.auth ?? spec.access !== "anyone",
    async (request) => {
      if (spec.access !== "anyone") requireCaller(request);
      const ctx = await requestCtx(request, null);
      // Checked before the body is parsed, as the verb (which checks it again) would answer.
      if (spec.access === "instance-admin") await requireInstanceAdmin(ctx);
      return ctx;
    },
    verb,
  );
}

/** `readBody` for a verb that validates its whole body itself (field-level errors): the body as sent. */
export const rawBody = (request: FastifyRequest): unknown => request.body;
