import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type ErrorCode, InputError, isTermsightError, type TermsightError } from "../errors/index.js";

const STATUS: Record<ErrorCode, number> = {
  INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  INTERNAL: 500,
};

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** One input error, located: `line`/`column` are 1-based and null when the input has no lines. */
export interface ProblemError {
  line: number | null;
  column: number | null;
  path: string | null;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** Stable, dotted code (e.g. "auth.wrong_password", "yaml.invalid") that clients translate. */
  code?: string;
  /** For 400s on a file or body: where the input is wrong (the editor marks these lines). */
  errors?: ProblemError[];
}

export function problemOf(
  status: number,
  detail: string,
  instance: string,
  code?: string,
  errors?: ProblemError[],
): Problem {
  return {
    type: status >= 500 ? "about:blank" : `https://termsight.dev/problems/${status}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    instance,
    ...(code ? { code } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

/** Codes for specific messages the UI words itself (its catalogue has `problem.<code>`). */
const MESSAGE_CODES: [RegExp, string][] = [
  [/^wrong email or password$/, "auth.wrong_password"],
  [/^too many wrong passwords/, "auth.too_many_attempts"],
  [/^current password is wrong$/, "auth.wrong_current_password"],
  [/^(reset|setup) token is not valid$/, "auth.invalid_token"],
  [/^authentication required$/, "auth.required"],
  [/^setup is already done/, "setup.done"],
  [/^this needs the \w+ role in the workspace/, "auth.role"],
  [/^viewers can only create read tokens$/, "tokens.viewer_read_only"],
  [/^a workspace keeps at least one admin$/, "members.last_admin"],
  [/is already a member/, "members.already"],
  [/^a vendor named ".*" already exists$/, "vendors.exists"],
  [/was changed by someone else/, "conflict.stale"],
  [/^ticket \S+ is (open|solved|closed): "\w+" is not allowed/, "tickets.event_not_allowed"],
  [/^missing or wrong x-csrf-token/, "auth.csrf"],
  [/^target .* blocked: /, "probes.blocked"],
  [/: unknown time zone "/, "input.unknown_zone"],
];

const CLASS_CODES: Record<ErrorCode, string> = {
  INPUT: "input.invalid",
  UNAUTHORIZED: "auth.unauthorized",
  FORBIDDEN: "auth.forbidden",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
  TOO_LARGE: "input.too_large",
  INTERNAL: "internal",
};

/** The stable code of a Termsight error: a known message, a YAML/terms file, or its class. */
export function problemCode(err: TermsightError): string {
  if (err instanceof InputError) {
    if (/^(invalid yaml|not valid YAML)/i.test(err.reason)) return "yaml.invalid";
    if (/\.ya?ml$/i.test(err.source)) return "terms.invalid";
  }
  for (const [pattern, code] of MESSAGE_CODES) if (pattern.test(err.message)) return code;
  return CLASS_CODES[err.code];
}

/** An input error as the structured `errors` list (the field path leads the reason when there is one). */
export function problemErrors(err: InputError): ProblemError[] {
  const m = /^([\w.[\]-]+): (.*)$/s.exec(err.reason);
  const fieldPath = m && !/\s/.test(m[1]) ? m[1] : null;
  return [
    {
      line: err.line,
      column: null,
      path: fieldPath ?? err.source,
      message: fieldPath && m ? m[2] : err.reason,
    },
  ];
}

function fastifyCode(err: FastifyError): string {
  switch (err.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "body.malformed_json";
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_FILES_LIMIT":
      return "input.too_large";
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "body.unsupported_type";
    default:
      return err.message.toLowerCase().startsWith("rate limit") ? "rate_limited" : "request.invalid";
  }
}

/** Fastify's own errors (body parse, content type, size, rate limit) carry a 4xx statusCode. */
function fastifyDetail(err: FastifyError): string {
  switch (err.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return `request body: malformed JSON (${err.message.replace(/^Body is not valid JSON but /, "")})`;
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_FILES_LIMIT":
      return "request body: larger than the upload limit";
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return `request body: unsupported content type`;
    default:
      return err.message.toLowerCase().startsWith("rate limit")
        ? "too many requests; retry later"
        : err.message;
  }
}

/** The one error mapper: TermsightError codes and fastify 4xx errors → RFC 9457 problem+json. */
export function handleError(this: unknown, err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let problem: Problem;
  if (isTermsightError(err)) {
    const status = STATUS[err.code];
    problem = problemOf(
      status,
      status === 500 ? "internal error" : err.message,
      request.url,
      problemCode(err),
      err instanceof InputError ? problemErrors(err) : undefined,
    );
    if (status === 500) request.log.error({ err }, "internal error");
  } else if (typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500) {
    problem = problemOf(err.statusCode, fastifyDetail(err), request.url, fastifyCode(err));
  } else {
    request.log.error({ err }, "unhandled error");
    problem = problemOf(500, "internal error", request.url, "internal");
  }
  return reply.status(problem.status).type("application/problem+json").send(problem);
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  const problem = problemOf(
    404,
    `no route ${request.method} ${request.url.split("?")[0]}`,
    request.url,
    "route.not_found",
  );
  return reply.status(404).type("application/problem+json").send(problem);
}

/** The problem+json body as an OpenAPI schema (components.schemas.Problem). */
export const PROBLEM_SCHEMA = {
  type: "object",
  description:
    "RFC 9457 problem. `code` is stable and meant for clients to translate (e.g. auth.wrong_password, yaml.invalid, terms.invalid, input.invalid, not_found, conflict); `errors` locates input errors (400).",
  required: ["type", "title", "status", "detail", "instance"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    code: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["line", "column", "path", "message"],
        properties: {
          line: { type: ["integer", "null"], description: "1-based line in the submitted file" },
          column: { type: ["integer", "null"], description: "1-based column, when known" },
          path: {
            type: ["string", "null"],
            description: "field path (sla_policy.severities.P1…) or input name",
          },
          message: { type: "string" },
        },
      },
    },
  },
} as const;
