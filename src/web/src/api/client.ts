/** A problem+json error from the API (RFC 9457), or a network failure, shown to the user as `detail`. */
export interface ProblemError {
  line: number | null;
  column: number | null;
  path: string | null;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;
  /** The problem's stable code (e.g. "auth.wrong_password"), translated by the UI when it knows it. */
  readonly code: string | null;
  /** Structured input errors (line/column/path/message), when the server gives them. */
  readonly errors: ProblemError[];
  constructor(status: number, detail: string, code: string | null = null, errors: ProblemError[] = []) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.code = code;
    this.errors = errors;
  }
  /** The 1-based line of the first input error, if any. */
  get line(): number | null {
    return this.errors.find((e) => e.line != null)?.line ?? null;
  }
}

let csrfToken: string | null = null;

/** Cookie-authenticated writes carry `x-csrf-token` (from /api/v1/me or the login answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Body = unknown;

async function toError(res: Response): Promise<ApiError> {
  let detail = `${res.status} ${res.statusText}`;
  let code: string | null = null;
  let errors: ProblemError[] = [];
  try {
    const problem = (await res.json()) as {
      detail?: string;
      title?: string;
      code?: string;
      errors?: ProblemError[];
    };
    detail = problem.detail || problem.title || detail;
    code = problem.code ?? null;
    errors = Array.isArray(problem.errors) ? problem.errors : [];
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, detail, code, errors);
}

/** Calls `/api/v1{path}`; JSON in and out; throws ApiError with the problem's detail. */
export async function api<T>(method: string, path: string, body?: Body, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("accept", headers.get("accept") ?? "application/json");
  if (method !== "GET" && csrfToken) headers.set("x-csrf-token", csrfToken);
  let payload: BodyInit | undefined;
  if (body instanceof FormData || typeof body === "string") payload = body;
  else if (body !== undefined) {
    headers.set("content-type", "application/json");
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      ...init,
      method,
      headers,
      body: payload,
      credentials: "same-origin",
    });
  } catch (err) {
    throw new ApiError(0, `network error: ${(err as Error).message}`);
  }
  if (!res.ok) {
    const error = await toError(res);
    // A session that ended (expired, logged out elsewhere): the shell goes back to the login page.
    if (res.status === 401 && path !== "/me" && path !== "/auth/login")
      window.dispatchEvent(new Event("termsight:unauthorized"));
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  return (type.includes("json") ? await res.json() : await res.text()) as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: Body) => api<T>("POST", path, body);
export const put = <T>(path: string, body?: Body) => api<T>("PUT", path, body);
export const patch = <T>(path: string, body?: Body) => api<T>("PATCH", path, body);
export const del = <T = void>(path: string) => api<T>("DELETE", path);

let translateProblem: ((err: ApiError) => string | null) | null = null;

/** The UI language's wording for problem codes (set by the i18n provider). */
export function setProblemTranslator(fn: ((err: ApiError) => string | null) | null): void {
  translateProblem = fn;
}

/** The message to show for any thrown value: the problem's code in the UI language, else its detail. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return translateProblem?.(err) ?? err.detail;
  return err instanceof Error ? err.message : String(err);
}
