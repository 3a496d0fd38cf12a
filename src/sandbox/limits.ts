/**
 * Limits of the worker threads that read untrusted documents. A real SLA document reads in well
 * under a second and a few tens of MB; these stop a hostile one without touching honest ones.
 */
/** Wall-clock time one read or review may take before its worker is killed. */
export const SANDBOX_TIMEOUT_MS = 30_000;
/** V8 heap of each worker (old generation), MB: over it the worker dies, not the process. */
export const SANDBOX_MEMORY_MB = 256;
/** Workers reading at once (the server has few cores; the event loop keeps one). */
export const SANDBOX_THREADS = 2;
/** Reads waiting for a worker; beyond this a request is refused (429) instead of queued. */
export const SANDBOX_MAX_QUEUE = 16;
/** An idle worker exits after this long (the next read starts a new one). */
export const SANDBOX_IDLE_MS = 60_000;
