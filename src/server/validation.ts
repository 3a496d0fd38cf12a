import type { FastifySchema } from "fastify";
import { z } from "zod";
import { parseInput as parseVerbInput } from "../context/index.js";

/** Parses one request part with a zod schema; the first issue becomes a 400 naming the field. */
export const parseInput = <S extends z.ZodType>(
  part: "body" | "query" | "params" | "headers",
  schema: S,
  value: unknown,
): z.infer<S> => parseVerbInput(part, schema, value);

export const parseBody = <S extends z.ZodType>(schema: S, value: unknown) =>
  parseInput("body", schema, value);
export const parseQuery = <S extends z.ZodType>(schema: S, value: unknown) =>
  parseInput("query", schema, value);
export const parseParams = <S extends z.ZodType>(schema: S, value: unknown) =>
  parseInput("params", schema, value);

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

export interface RouteDoc {
  tags: string[];
  summary: string;
  description?: string;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** Response schemas by status (documentation only: replies are not filtered by them). */
  response?: Record<number, z.ZodType>;
  /** Default true: documents the session cookie / bearer token requirement. */
  auth?: boolean;
  consumes?: string[];
}

/**
 * A route's `schema` for the OpenAPI document, built from the zod schemas the handler parses
 * with. The server does not validate with it (handlers call parseBody/parseQuery/parseParams),
 * so the zod schema stays the single source of truth.
 */
export function docs(doc: RouteDoc): FastifySchema {
  const schema: Record<string, unknown> = { tags: doc.tags, summary: doc.summary };
  if (doc.description) schema.description = doc.description;
  if (doc.params) schema.params = jsonSchema(doc.params, "input");
  if (doc.querystring) schema.querystring = jsonSchema(doc.querystring, "input");
  if (doc.body) schema.body = jsonSchema(doc.body, "input");
  if (doc.consumes) schema.consumes = doc.consumes;
  if (doc.response) {
    schema.response = Object.fromEntries(
      Object.entries(doc.response).map(([k, v]) => [k, jsonSchema(v, "output")]),
    );
  }
  if (doc.auth !== false) schema.security = [{ session: [] }, { bearer: [] }];
  return schema as FastifySchema;
}

/** Path params of workspace routes. */
export const WorkspaceParams = z.object({ ws: z.string().min(1) });
export const WorkspaceItemParams = z.object({ ws: z.string().min(1), id: z.string().min(1) });
