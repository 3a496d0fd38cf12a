import { RE2JS } from "re2js";
import { z } from "zod";

/**
 * Text an assertion regex runs on at most: RE2 is linear, but linear in a JS port is still ~0.1 µs
 * per character and instruction group, on the event loop. 256 KiB keeps a worst case near 50 ms.
 */
export const MAX_REGEX_INPUT_CHARS = 256 * 1024;
/** Compiled program size at most (`x{1,1000}` repeats grow it; ordinary assertions are under 100). */
const MAX_REGEX_PROGRAM = 2000;

/**
 * Compiles an assertion regex on RE2 (linear time: a pattern like `^(a+)+$` cannot hang the
 * scheduler). Throws with a lower-case reason when RE2 cannot express it (lookaround, backreferences).
 */
export function compileAssertionRegex(pattern: string): RE2JS {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (err) {
    const detail = (err as Error).message.replace(/^error parsing regexp: /, "");
    throw new Error(
      `is not a supported regular expression (${detail}); RE2 syntax, without lookaround or backreferences`,
    );
  }
  if (re.programSize() > MAX_REGEX_PROGRAM)
    throw new Error(`is too complex for an assertion (more than ${MAX_REGEX_PROGRAM} instructions)`);
  return re;
}

const AssertionRegex = z
  .string()
  .max(1000)
  .superRefine((pattern, ctx) => {
    try {
      compileAssertionRegex(pattern);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
    }
  });

export const HttpExpect = z
  .object({
    /** Accepted statuses; default any 2xx/3xx. */
    status: z.array(z.number().int().min(100).max(599)).nullable().default(null),
    /** `$.data[0].state` style path into a JSON body, with the expected value (any JSON) or just existence. */
    json_path: z
      .object({ path: z.string().min(1), equals: z.unknown().optional() })
      .nullable()
      .default(null),
    body_contains: z.string().nullable().default(null),
    body_regex: AssertionRegex.nullable().default(null),
  })
  .default({ status: null, json_path: null, body_contains: null, body_regex: null });
export type HttpExpect = z.infer<typeof HttpExpect>;

/** Splits `$.a.b[0]["c d"]` into keys. */
export function parseJsonPath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["([^"]*)"\]|^([A-Za-z_][\w$-]*)/g;
  const body = path.startsWith("$") ? path.slice(1) : path;
  let consumed = 0;
  for (const m of body.matchAll(re)) {
    if (m.index !== consumed) break;
    consumed += m[0].length;
    if (m[1] !== undefined) keys.push(m[1]);
    else if (m[2] !== undefined) keys.push(Number(m[2]));
    else if (m[3] !== undefined) keys.push(m[3]);
    else if (m[4] !== undefined) keys.push(m[4]);
  }
  if (consumed !== body.length)
    throw new Error(`json path "${path}" is not valid at "${body.slice(consumed)}"`);
  return keys;
}

export function readJsonPath(value: unknown, path: string): { found: boolean; value: unknown } {
  let current: unknown = value;
  for (const key of parseJsonPath(path)) {
    if (current === null || typeof current !== "object") return { found: false, value: undefined };
    const rec = current as Record<string | number, unknown>;
    if (!(key in rec)) return { found: false, value: undefined };
    current = rec[key];
  }
  return { found: true, value: current };
}

/** Checks a response against the expectations; returns the first failure as a lower-case reason, or null. */
export function checkHttpExpectations(expect: HttpExpect, status: number, body: string): string | null {
  const statusOk = expect.status ? expect.status.includes(status) : status >= 200 && status < 400;
  if (!statusOk)
    return `unexpected status ${status}${expect.status ? ` (expected ${expect.status.join(", ")})` : ""}`;
  if (expect.body_contains !== null && !body.includes(expect.body_contains)) {
    return `body does not contain ${JSON.stringify(expect.body_contains)}`;
  }
  if (
    expect.body_regex !== null &&
    !compileAssertionRegex(expect.body_regex).test(body.slice(0, MAX_REGEX_INPUT_CHARS))
  ) {
    return `body does not match /${expect.body_regex}/`;
  }
  if (expect.json_path) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return "body is not json";
    }
    const { found, value } = readJsonPath(parsed, expect.json_path.path);
    if (!found) return `json path ${expect.json_path.path} not found`;
    if ("equals" in expect.json_path && JSON.stringify(value) !== JSON.stringify(expect.json_path.equals)) {
      return `json path ${expect.json_path.path} is ${JSON.stringify(value)?.slice(0, 100)}, expected ${JSON.stringify(expect.json_path.equals)}`;
    }
  }
  return null;
}
