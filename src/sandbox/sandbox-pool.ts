import { Piscina } from "piscina";
import { type ErrorCode, InputError, TermsightError } from "../errors/index.js";
import type { DocumentFormat, DocumentLimits, EmailMessage, IngestedDocument } from "../ingest/index.js";
import type { ReviewedDocument, ReviewOptions } from "../review/index.js";
import type { ReviewResult } from "../terms/index.js";
import {
  SANDBOX_IDLE_MS,
  SANDBOX_MAX_QUEUE,
  SANDBOX_MEMORY_MB,
  SANDBOX_THREADS,
  SANDBOX_TIMEOUT_MS,
} from "./limits.js";
import type { SandboxReply, SandboxTask } from "./sandbox-tasks.js";
import { workerFiles } from "./worker-files.js";

export interface SandboxOptions {
  threads?: number;
  maxQueue?: number;
  timeoutMs?: number;
  memoryMb?: number;
  idleMs?: number;
}

/** The pool is full: a server condition, answered 429 so clients retry (fastify-style status). */
export class SandboxBusyError extends Error {
  readonly statusCode = 429;
  readonly code = "SANDBOX_BUSY";
  constructor() {
    super("too many documents are being read at once; retry later");
  }
}

/**
 * Reads and reviews untrusted documents on worker threads, off the event loop, each task bounded
 * in wall-clock time and heap: an overrun kills the worker and becomes a one-line InputError
 * naming the document. Close it when done (workers otherwise idle out after `idleMs`).
 */
export class Sandbox {
  private readonly pool: Piscina;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  /** Tasks running or waiting, bounded here: piscina does not bound abortable tasks by maxQueue. */
  private inFlight = 0;
  private readonly capacity: number;

  constructor(opts: SandboxOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? SANDBOX_TIMEOUT_MS;
    this.memoryMb = opts.memoryMb ?? SANDBOX_MEMORY_MB;
    const threads = opts.threads ?? SANDBOX_THREADS;
    this.capacity = threads + (opts.maxQueue ?? SANDBOX_MAX_QUEUE);
    const files = workerFiles(import.meta.url);
    this.pool = new Piscina({
      filename: files.bootstrap,
      workerData: { tasksUrl: files.tasksUrl },
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: opts.idleMs ?? SANDBOX_IDLE_MS,
      resourceLimits: {
        maxOldGenerationSizeMb: this.memoryMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    });
  }

  /** `ingestBytes` in a worker. */
  ingest(
    bytes: Uint8Array,
    opts: {
      name: string;
      format?: DocumentFormat;
      maxBytes?: number;
      limits?: Partial<DocumentLimits>;
      /** Instead of the pool's. */
      timeoutMs?: number;
    },
  ): Promise<IngestedDocument> {
    const { timeoutMs, ...task } = opts;
    return this.run({ kind: "ingest", bytes, ...task }, opts.name, timeoutMs);
  }

  /** `reviewDocument` in a worker. */
  review(doc: ReviewedDocument, opts: ReviewOptions): Promise<ReviewResult> {
    const { name, text, language, sha256 } = doc;
    return this.run({ kind: "review", doc: { name, text, language, sha256 }, opts }, name);
  }

  /** `parseEmailMessage` in a worker. */
  parseEmail(bytes: Uint8Array, name: string): Promise<EmailMessage> {
    return this.run({ kind: "email", bytes, name }, name);
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private async run<T>(task: SandboxTask, source: string, timeoutMs = this.timeoutMs): Promise<T> {
    if (this.inFlight >= this.capacity) throw new SandboxBusyError();
    let reply: SandboxReply;
    this.inFlight++;
    try {
      reply = await this.pool.run(task, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw this.overrun(err, source, timeoutMs);
    } finally {
      this.inFlight--;
    }
    if (reply.ok) return reply.value as T;
    const e = reply.error;
    if (e.code === "INPUT" && e.source != null && e.reason != null) {
      throw new InputError(e.source, e.reason, e.line ?? null);
    }
    throw new TermsightError(e.code as ErrorCode, e.message);
  }

  /** A killed or refused task → what the client is told. */
  private overrun(err: unknown, source: string, timeoutMs: number): Error {
    const e = err as { name?: string; code?: string; message?: string } | null;
    if (e?.name === "AbortError") {
      return new InputError(source, `took longer than ${timeoutMs / 1000} s to read`, null, {
        cause: err,
      });
    }
    if (e?.code === "ERR_WORKER_OUT_OF_MEMORY") {
      return new InputError(source, `needs more than ${this.memoryMb} MB of memory to read`, null, {
        cause: err,
      });
    }
    return new TermsightError("INTERNAL", `sandbox worker failed: ${e?.message ?? String(err)}`, {
      cause: err,
    });
  }
}

let shared: Sandbox | null = null;
let holders = 0;

/** The process's shared pool (created on first use; its idle workers do not keep the process alive). */
export function sharedSandbox(): Sandbox {
  shared ??= new Sandbox();
  return shared;
}

/** Holds the shared pool open (a server while it runs); `release` closes it with the last holder. */
export function holdSharedSandbox(): { release: () => Promise<void> } {
  holders++;
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      holders--;
      if (holders > 0 || shared == null) return;
      const pool = shared;
      shared = null;
      await pool.close();
    },
  };
}
