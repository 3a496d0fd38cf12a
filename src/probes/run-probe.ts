import { isTermsightError } from "../errors/index.js";
import { probeKinds } from "./kinds/index.js";
import type { ProbeContext } from "./kinds/kind.js";
import { type ProbeDefinition, parseKindConfig, parseProbeDefinition } from "./probe-definition.js";
import { describeProbeError, ProbeFailure } from "./probe-failure.js";
import { DEFAULT_MAX_PROBE_BODY_BYTES } from "./probe-policy.js";
import { emptyMetrics, emptyTimings, orderSample, type ProbeKindName, type ProbeSample } from "./sample.js";
import { redactUrl, resolveSecrets, type SecretSource, secretRedactor } from "./secrets.js";
import { type Allowlist, EMPTY_ALLOWLIST, isBlockedTargetError, type Resolver } from "./ssrf-guard.js";

/** What the caller (CLI, scheduler, agent, server) provides; the SSRF guard always runs inside. */
export interface RunProbeContext {
  region: string | null;
  /** The operator's allowlist (CLI `--allow`, server setting); empty by default. */
  allow?: Allowlist;
  secrets?: SecretSource;
  resolver?: Resolver;
  /** Wall clock for `at` (injectable). */
  now?: () => Date;
  /** Ceiling on response bytes read (server `--probe-max-body-bytes`); default 4 MiB. */
  maxBodyBytes?: number;
  /** Aborts the probe early (scheduler shutdown). */
  signal?: AbortSignal;
}

export interface RunProbeInput {
  /** A probe definition (unparsed is fine: a bad config becomes a failed sample naming the field). */
  probe: unknown;
  /** 1 for the scheduled try, 2… for retries. */
  attempt?: number;
}

function fallbackIdentity(raw: unknown): { id: string | null; url: string; kind: ProbeKindName } {
  const r = (raw ?? {}) as Record<string, unknown>;
  const kind = typeof r.kind === "string" && r.kind in probeKinds ? (r.kind as ProbeKindName) : "http";
  return {
    id: typeof r.id === "string" ? r.id : null,
    url: typeof r.url === "string" ? redactUrl(r.url) : "",
    kind,
  };
}

/**
 * The probe verb: validates the definition, resolves secrets, runs the kind behind the SSRF guard,
 * and returns one sample. Never throws for probe failures: they are samples with `ok: false` and a
 * clear `error` (a refused target has `blocked: true`). Secrets never reach the sample.
 */
export async function runProbe({
  ctx,
  input,
}: {
  ctx: RunProbeContext;
  input: RunProbeInput;
}): Promise<ProbeSample> {
  const at = (ctx.now ?? (() => new Date()))();
  const timings = emptyTimings();
  const metrics = emptyMetrics();
  const identity = fallbackIdentity(input.probe);
  const base = {
    probe_id: identity.id,
    url: identity.url,
    kind: identity.kind,
    region: ctx.region,
    at: at.toISOString(),
    attempt: input.attempt ?? 1,
    timings_ms: timings,
    metrics,
  };
  let redact = (text: string) => text;
  let probe: ProbeDefinition;
  let config: { url: string };
  try {
    probe = parseProbeDefinition(input.probe);
    const resolved = resolveSecrets(probe, ctx.secrets ?? { env: {} });
    redact = secretRedactor(resolved.secrets);
    config = parseKindConfig(resolved.value);
  } catch (err) {
    const reason = isTermsightError(err) ? err.message : String(err);
    return orderSample({
      ...base,
      ok: false,
      degraded: false,
      blocked: false,
      status: null,
      error: `invalid probe config: ${redact(reason)}`,
    });
  }
  base.probe_id = probe.id;
  base.kind = probe.kind;
  base.url = redact(redactUrl(probe.url));
  const signals = [AbortSignal.timeout(probe.timeout_ms), ...(ctx.signal ? [ctx.signal] : [])];
  const startedAt = performance.now();
  const kindCtx: ProbeContext = {
    allow: ctx.allow ?? EMPTY_ALLOWLIST,
    timeoutMs: probe.timeout_ms,
    signal: AbortSignal.any(signals),
    now: () => performance.now(),
    startedAt,
    timings,
    metrics,
    resolver: ctx.resolver,
    maxBodyBytes: ctx.maxBodyBytes ?? DEFAULT_MAX_PROBE_BODY_BYTES,
  };
  try {
    // the race guarantees the timeout even when a phase ignores the signal (e.g. a slow system DNS lookup)
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(kindCtx.signal.reason ?? new Error("aborted"));
      if (kindCtx.signal.aborted) fail();
      else kindCtx.signal.addEventListener("abort", fail, { once: true });
    });
    aborted.catch(() => {});
    const outcome = await Promise.race([probeKinds[probe.kind].run(config as never, kindCtx), aborted]);
    timings.total ??= Math.round((performance.now() - startedAt) * 10) / 10;
    return orderSample({
      ...base,
      timings_ms: { ...timings },
      metrics: { ...metrics },
      ok: outcome.ok,
      degraded: outcome.degraded ?? false,
      blocked: false,
      status: outcome.status,
      error: outcome.error === null ? null : redact(outcome.error),
    });
  } catch (err) {
    timings.total = Math.round((performance.now() - startedAt) * 10) / 10;
    const blocked = isBlockedTargetError(err);
    const timedOut = !blocked && kindCtx.signal.aborted;
    const reason = timedOut
      ? describeProbeError(kindCtx.signal.reason, probe.timeout_ms)
      : blocked || isTermsightError(err) || err instanceof ProbeFailure
        ? (err as Error).message
        : describeProbeError(err, probe.timeout_ms);
    const status = err instanceof ProbeFailure ? err.status : null;
    return orderSample({
      ...base,
      timings_ms: { ...timings },
      metrics: { ...metrics },
      ok: false,
      degraded: false,
      blocked,
      status,
      error: redact(reason),
    });
  }
}
