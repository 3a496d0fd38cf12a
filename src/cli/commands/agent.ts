import { resolve } from "node:path";
import { InputError } from "../../errors/index.js";
import {
  allowedEnvOf,
  loadSecretsFile,
  parseAllowlist,
  parseProbeEnvNames,
  startAgent,
} from "../../probes/index.js";
import { parseCommandArgs } from "../args.js";
import type { CliIo, Command } from "../io.js";

function required(flag: string, value: string | undefined): string {
  if (!value) throw new InputError(flag, "is required");
  return value;
}

function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(flag, `"${value}" must be a positive integer`);
  return n;
}

function waitForSignal(io: CliIo): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: string) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      io.stderr(`termsight agent: ${signal} received, flushing and stopping\n`);
      done(signal);
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
  });
}

/**
 * `termsight agent --server URL --token T --region R [--buffer DIR] [--allow HOST_OR_CIDR]...
 *   [--secrets FILE] [--probe-env NAME]... [--once]`
 * Runs the region's probes and pushes signed batches until SIGINT/SIGTERM. The token may come from
 * TERMSIGHT_AGENT_TOKEN instead of the command line. `--once` runs every probe once, sends, and exits.
 * Probes substitute `${secret:NAME}` from the `--secrets` file and `${env:NAME}` only for the
 * variables listed with `--probe-env` (or TERMSIGHT_PROBE_ENV); the server never sends secret values.
 */
export const run: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs("agent", args, {
    server: { type: "string" },
    token: { type: "string" },
    region: { type: "string" },
    buffer: { type: "string" },
    allow: { type: "string", multiple: true },
    secrets: { type: "string" },
    "probe-env": { type: "string", multiple: true },
    concurrency: { type: "string" },
    once: { type: "boolean" },
  });
  if (positionals.length > 0)
    throw new InputError("termsight agent", `unexpected argument "${positionals[0]}"`);
  const server = required("--server", values.server);
  if (!/^https?:\/\/[^/]+/i.test(server))
    throw new InputError("--server", `"${server}" must be an http(s) url`);
  const token = required("--token", values.token ?? io.env.TERMSIGHT_AGENT_TOKEN);
  const region = required("--region", values.region);
  const bufferDir = resolve(io.cwd, values.buffer ?? `.termsight-agent/${region}`);
  const allow = parseAllowlist(values.allow ?? [], "--allow");
  const file = values.secrets ? await loadSecretsFile(values.secrets) : undefined;
  // probes come from the server: they may read only the variables this operator lists
  const probeEnv = parseProbeEnvNames(values["probe-env"] ?? [], io.env.TERMSIGHT_PROBE_ENV);
  const concurrency = positiveInt("--concurrency", values.concurrency, 100);
  const agent = await startAgent({
    server,
    token,
    region,
    bufferDir,
    allow,
    concurrency,
    secrets: { env: allowedEnvOf(io.env, probeEnv), file },
    random: values.once ? () => 0 : undefined,
    log: (line) => io.stderr(`${line}\n`),
  });
  io.stderr(`termsight agent: region ${region}, ${agent.stats().probes} probes, buffer ${bufferDir}\n`);
  if (values.once) {
    const want = agent.stats().probes;
    for (let i = 0; i < 1200 && agent.stats().samples < want; i++)
      await new Promise((r) => setTimeout(r, 50));
  } else {
    await waitForSignal(io);
  }
  await agent.stop();
  const s = agent.stats();
  io.stderr(`termsight agent: ${s.samples} samples, ${s.batchesSent} batches sent, ${s.pending} pending\n`);
  if (values.once)
    io.stdout(
      `${JSON.stringify({ region, probes: s.probes, samples: s.samples, batches_sent: s.batchesSent, pending: s.pending })}\n`,
    );
  return s.pending === 0 ? 0 : 1;
};
