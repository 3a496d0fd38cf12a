import type { ProbeKindName } from "../sample.js";
import { http } from "./http/http.js";
import type { ProbeKind } from "./kind.js";
import { sse } from "./sse/sse.js";
import { tcp } from "./tcp/tcp.js";
import { tls } from "./tls/tls.js";
import { ws } from "./ws/ws.js";

/** The single place a probe kind is added. */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own config type
export const probeKinds = { http, sse, ws, tcp, tls } satisfies Record<ProbeKindName, ProbeKind<any>>;

export type { ProbeContext, ProbeKind, ProbeOutcome } from "./kind.js";
