/** Error codes every face maps once: the CLI to exit codes, the server to HTTP statuses. */
export type ErrorCode =
  | "INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "FORBIDDEN"
  | "UNAUTHORIZED"
  | "TOO_LARGE"
  | "INTERNAL";

export class TermsightError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * Bad input: names the source (a file, a field, a request part), the line when known, and the reason.
 * Message shape: `calendar.yaml:7: hours.sun[0] "22:00-26:00": end must be 24:00 or earlier`.
 */
export class InputError extends TermsightError {
  readonly source: string;
  readonly line: number | null;
  readonly reason: string;
  constructor(source: string, reason: string, line: number | null = null, options?: { cause?: unknown }) {
    super("INPUT", `${source}${line != null ? `:${line}` : ""}: ${reason}`, options);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }
}

export class TooLargeError extends TermsightError {
  constructor(source: string, limitBytes: number) {
    super("TOO_LARGE", `${source}: larger than the ${Math.round(limitBytes / 1024 / 1024)} MB limit`);
  }
}

export class NotFoundError extends TermsightError {
  constructor(entity: string, id: string) {
    super("NOT_FOUND", `${entity} ${id} not found`);
  }
}

export class ConflictError extends TermsightError {
  constructor(message: string) {
    super("CONFLICT", message);
  }
}

export class ForbiddenError extends TermsightError {
  constructor(message = "forbidden") {
    super("FORBIDDEN", message);
  }
}

export class UnauthorizedError extends TermsightError {
  constructor(message = "authentication required") {
    super("UNAUTHORIZED", message);
  }
}

export function isTermsightError(err: unknown): err is TermsightError {
  return err instanceof TermsightError;
}
