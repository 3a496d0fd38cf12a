import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type ErrorCode, isTermsightError } from "../errors/index.js";

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

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code?: string;
}

export function problemOf(status: number, detail: string, instance: string, code?: string): Problem {
  return {
    type: status >= 500 ? "about:blank" : `https://termsight.dev/problems/${status}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    instance,
    ...(code ? { code } : {}),
  };
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
    problem = problemOf(status, status === 500 ? "internal error" : err.message, request.url, err.code);
    if (status === 500) request.log.error({ err }, "internal error");
  } else if (typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500) {
    problem = problemOf(err.statusCode, fastifyDetail(err), request.url, err.code);
  } else {
    request.log.error({ err }, "unhandled error");
    problem = problemOf(500, "internal error", request.url);
  }
  return reply.status(problem.status).type("application/problem+json").send(problem);
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  const problem = problemOf(404, `no route ${request.method} ${request.url.split("?")[0]}`, request.url);
  return reply.status(404).type("application/problem+json").send(problem);
}
