import { z } from "zod";
import { InputError } from "../errors/index.js";
import { probeKinds } from "./kinds/index.js";
import { ProbeKindName } from "./sample.js";

/**
 * A probe as stored per workspace and fetched by agents. Kind-specific settings go in `config`
 * (checked by the kind's schema). There is deliberately no per-probe allowlist: only the operator
 * (CLI `--allow`, server `TERMSIGHT_PROBE_ALLOW`) may open private addresses.
 */
export const ProbeFields = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200).nullable().default(null),
  kind: ProbeKindName.default("http"),
  url: z.string().min(1).max(2048),
  interval_s: z.number().int().min(5).max(86_400).default(60),
  jitter_s: z.number().min(0).max(3600).default(0),
  timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
  retries: z.number().int().min(0).max(5).default(0),
  regions: z.array(z.string().min(1).max(64)).default([]),
  enabled: z.boolean().default(true),
  config: z.record(z.string(), z.unknown()).default({}),
});

export const ProbeDefinition = ProbeFields.refine((p) => p.jitter_s < p.interval_s, {
  path: ["jitter_s"],
  message: "must be less than interval_s",
});
export type ProbeDefinition = z.infer<typeof ProbeDefinition>;

function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue.path.join(".") || "(root)", message: issue.message.toLowerCase() };
}

/** Parses a probe definition and its kind config; InputError names the field (`config.expect.status: …`). */
export function parseProbeDefinition(raw: unknown, source = "probe"): ProbeDefinition {
  const parsed = ProbeDefinition.safeParse(raw);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new InputError(source, `${field}: ${message}`);
  }
  parseKindConfig(parsed.data, source);
  return parsed.data;
}

/** The kind's config (defaults applied), validated with `url` merged in. */
export function parseKindConfig(
  probe: Pick<ProbeDefinition, "kind" | "url" | "config">,
  source = "probe",
): { url: string } {
  const kind = probeKinds[probe.kind];
  const parsed = kind.configSchema.safeParse({ ...probe.config, url: probe.url });
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new InputError(source, `${field === "url" ? "url" : `config.${field}`}: ${message}`);
  }
  return parsed.data;
}
