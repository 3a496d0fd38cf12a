import type { FastifyInstance } from "fastify";

export interface JsonlWriter {
  write(entry: Record<string, unknown> & { kind: string }): void;
  close(): void;
}
export function jsonlWriter(file: string): JsonlWriter;

export interface ProcessTrace {
  /** For the job runner's `log` option. */
  log(message: string, details?: Record<string, unknown>): void;
  stop(): void;
}
export function traceServerProcess(dir: string, app: FastifyInstance, name?: string): ProcessTrace;
