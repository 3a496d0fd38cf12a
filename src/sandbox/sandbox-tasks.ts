import { isTermsightError } from "../errors/index.js";
import { type DocumentFormat, type DocumentLimits, ingestBytes, parseEmailMessage } from "../ingest/index.js";
import { type ReviewedDocument, type ReviewOptions, reviewDocument } from "../review/index.js";

/** Work a sandbox worker does: everything that parses or scans untrusted bytes or text. */
export type SandboxTask =
  | {
      kind: "ingest";
      bytes: Uint8Array;
      name: string;
      format?: DocumentFormat;
      maxBytes?: number;
      limits?: Partial<DocumentLimits>;
    }
  | { kind: "review"; doc: ReviewedDocument; opts: ReviewOptions }
  | { kind: "email"; bytes: Uint8Array; name: string };

/** A TermsightError as data (class instances do not cross threads). */
export interface SandboxError {
  code: string;
  message: string;
  source?: string;
  reason?: string;
  line?: number | null;
}

export type SandboxReply = { ok: true; value: unknown } | { ok: false; error: SandboxError };

/** Runs in the worker thread. Errors come back as data; a crash or overrun kills the worker instead. */
export async function runTask(task: SandboxTask): Promise<SandboxReply> {
  try {
    switch (task.kind) {
      case "ingest":
        return {
          ok: true,
          value: await ingestBytes(task.bytes, {
            name: task.name,
            format: task.format,
            maxBytes: task.maxBytes,
            limits: task.limits,
          }),
        };
      case "review":
        return { ok: true, value: reviewDocument(task.doc, task.opts) };
      case "email":
        return { ok: true, value: await parseEmailMessage(task.bytes, task.name) };
    }
  } catch (err) {
    if (isTermsightError(err)) {
      const e = err as Partial<SandboxError> & { code: string; message: string };
      return {
        ok: false,
        error: { code: e.code, message: e.message, source: e.source, reason: e.reason, line: e.line },
      };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: "INTERNAL", message: message.split("\n")[0] } };
  }
}
