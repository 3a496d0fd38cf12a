import { ForbiddenError, InputError } from "../../errors/index.js";
import {
  loadSecretsFile,
  type ProbeKindName,
  type ProbeSample,
  parseAllowlist,
  parseProbeDefinition,
  probeKindNames,
  runProbe,
} from "../../probes/index.js";
import { oneOf, parseCommandArgs } from "../args.js";
import type { Command } from "../io.js";

function inferKind(url: string): ProbeKindName {
  if (/^wss?:\/\//i.test(url)) return "ws";
  if (/^tcp:\/\//i.test(url)) return "tcp";
  if (/^tls:\/\//i.test(url)) return "tls";
  return "http";
}

function parseHeaders(values: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of values) {
    const colon = h.indexOf(":");
    if (colon <= 0) throw new InputError("--header", `"${h.split(":")[0]}" must look like "Name: value"`);
    headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
  }
  return headers;
}

function table(sample: ProbeSample): string {
  const t = sample.timings_ms;
  const fmt = (v: number | null) => (v === null ? "-" : `${v} ms`);
  const rows: [string, string][] = [
    ["url", sample.url],
    ["kind", sample.kind],
    ["region", sample.region ?? "-"],
    ["at", sample.at],
    ["ok", String(sample.ok)],
    ["status", sample.status === null ? "-" : String(sample.status)],
    ["error", sample.error ?? "-"],
    ["dns", fmt(t.dns)],
    ["connect", fmt(t.connect)],
    ["tls", fmt(t.tls)],
    ["first byte", fmt(t.first_byte)],
    ["first token", fmt(t.first_token)],
    ["total", fmt(t.total)],
  ];
  return `${rows.map(([k, v]) => `${k.padEnd(12)}${v}`).join("\n")}\n`;
}

/**
 * `termsight probe URL [--kind K] [--allow HOST_OR_CIDR]... [--format json|table] [--region R] [--timeout MS]`
 * Runs one probe now and prints the sample. Exit 0 ok, 1 probe failed, 2 bad usage or a blocked target.
 */
export const run: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs("probe", args, {
    kind: { type: "string" },
    allow: { type: "string", multiple: true },
    format: { type: "string" },
    region: { type: "string" },
    timeout: { type: "string" },
    header: { type: "string", multiple: true },
    secrets: { type: "string" },
    insecure: { type: "boolean" },
  });
  if (positionals.length !== 1)
    throw new InputError("URL", `expected exactly one, got ${positionals.length}`);
  const url = positionals[0];
  const kind = oneOf("--kind", values.kind, probeKindNames(), inferKind(url));
  const format = oneOf("--format", values.format, ["json", "table"] as const, "json");
  const timeout = values.timeout === undefined ? 10_000 : Number(values.timeout);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 120_000) {
    throw new InputError("--timeout", `"${values.timeout}" must be milliseconds between 100 and 120000`);
  }
  const allow = parseAllowlist(values.allow ?? [], "--allow");
  const config: Record<string, unknown> = {};
  if (values.header?.length) config.headers = parseHeaders(values.header);
  if (values.insecure) config.insecure = true;
  const target = kind === "tls" ? url.replace(/^tls:\/\//i, "") : url;
  const probe = parseProbeDefinition({ id: "cli", kind, url: target, timeout_ms: timeout, config }, "probe");
  const file = values.secrets ? await loadSecretsFile(values.secrets) : undefined;
  // The user's own probe on the user's own machine: ${env:NAME} reads the user's environment, which
  // is theirs to send (servers and agents only substitute variables the operator allowed).
  const sample = await runProbe({
    ctx: { region: values.region ?? null, allow, secrets: { env: io.env, file } },
    input: { probe },
  });
  if (sample.blocked) throw new ForbiddenError(sample.error ?? "target blocked");
  const { probe_id: _id, ...printed } = sample;
  io.stdout(format === "json" ? `${JSON.stringify(printed, null, 2)}\n` : table(sample));
  return sample.ok ? 0 : 1;
};
