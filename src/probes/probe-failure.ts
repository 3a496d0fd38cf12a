/** Turns a low-level error (errno, TLS, abort) into a short, lower-case reason for a failed sample. */
export function describeProbeError(err: unknown, timeoutMs: number): string {
  const e = err as NodeJS.ErrnoException & { reason?: string };
  if (
    e?.name === "AbortError" ||
    e?.name === "TimeoutError" ||
    e?.code === "ABORT_ERR" ||
    e?.code === "ETIMEDOUT"
  ) {
    return `timeout after ${timeoutMs} ms`;
  }
  switch (e?.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
      return "connection reset by peer";
    case "ENOTFOUND":
      return "dns: host not found";
    case "EAI_AGAIN":
      // our resolver did not answer: availability counts this as "no data", not vendor downtime
      return "dns: resolver unavailable (EAI_AGAIN)";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "host unreachable";
    case "EPIPE":
      return "connection closed while writing";
    case "HPE_INVALID_CONSTANT":
    case "HPE_INVALID_STATUS":
      return "invalid http response";
  }
  if (typeof e?.code === "string" && /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO/.test(e.code))
    return `tls: ${e.code.toLowerCase()}`;
  const message = e instanceof Error ? e.message : String(err);
  return message.split("\n")[0].slice(0, 300);
}

/** A failure with a ready-made reason (assertion failed, body too large, malformed stream). */
export class ProbeFailure extends Error {
  readonly status: number | null;
  constructor(message: string, status: number | null = null) {
    super(message);
    this.status = status;
  }
}
