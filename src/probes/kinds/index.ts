import { http } from "./http/http.js";
import type { ProbeKind } from "./kind.js";
import { sse } from "./sse/sse.js";
import { tcp } from "./tcp/tcp.js";
import { tls } from "./tls/tls.js";
import { ws } from "./ws/ws.js";

/**
 * The single place a probe kind is added: its folder, and one entry here. The definition schema
 * (`ProbeKindName`), the store's `probe_kinds` rows (`syncProbeKinds`), the CLI's `--kind` and the
 * API document all read their names from this registry.
 */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own config type
export const probeKinds: Record<string, ProbeKind<any>> = { http, sse, ws, tcp, tls };

/** The registered kinds' names, in registry order. */
export function probeKindNames(): string[] {
  return Object.keys(probeKinds);
}

/**
 * Adds a kind at run time and returns its removal. For tests (a throwaway kind proves the path
 * from definition to storage); a real kind is its folder plus its entry in `probeKinds`.
 */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own config type
export function registerProbeKind(kind: ProbeKind<any>): () => void {
  if (kind.name in probeKinds) throw new Error(`probe kind ${kind.name} is already registered`);
  probeKinds[kind.name] = kind;
  return () => {
    delete probeKinds[kind.name];
  };
}

export type { ProbeContext, ProbeKind, ProbeOutcome } from "./kind.js";
