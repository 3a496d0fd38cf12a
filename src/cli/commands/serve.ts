import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { seedDemo } from "../../demo/index.js";
import { InputError } from "../../errors/index.js";
import {
  allowedEnvOf,
  loadSecretKey,
  loadSecretValues,
  parseMaxProbeBodyBytes,
  parseProbeEnvNames,
  SECRET_KEY_FILE,
  SecretBox,
} from "../../probes/index.js";
import {
  type BackgroundJobs,
  type BackgroundJobsOptions,
  buildServer,
  DEFAULT_SERVER_REGION,
  issueSetupToken,
  serverProbeAllowlist,
  setupLink,
  startBackgroundJobs,
} from "../../server/index.js";
import { openStore, type Store } from "../../store/index.js";
import { parseCommandArgs } from "../args.js";
import type { CliIo, Command } from "../io.js";
import { SERVE_AUTH_FLAGS, serveAuthOptions } from "./serve-auth-options.js";

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  /** Probe retention and the server's own probes; null with `--no-jobs`. */
  jobs: BackgroundJobs | null;
  /** Closes the HTTP server, stops the background jobs, closes the store (idempotent). */
  close(): Promise<void>;
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split("\n")[0];

/**
 * Opens the store, seeds the demo on first start, prints the setup link, listens, and starts the
 * background jobs (probe retention; the stored probes of `--region` run by the server itself,
 * allowed private targets from `TERMSIGHT_PROBE_ALLOW`).
 */
export async function startServe(
  args: string[],
  io: CliIo,
  /** Test hooks: clock, random phase, refresh period… of the background jobs. */
  overrides: { jobs?: Partial<BackgroundJobsOptions> } = {},
): Promise<RunningServer> {
  const { values } = parseCommandArgs("serve", args, {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    data: { type: "string" },
    region: { type: "string", default: DEFAULT_SERVER_REGION },
    "no-demo": { type: "boolean", default: false },
    "no-jobs": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    "probe-env": { type: "string", multiple: true },
    "probe-max-body-bytes": { type: "string" },
    ...SERVE_AUTH_FLAGS,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InputError("--port", `"${values.port}" is not a port number`);
  const region = values.region.trim();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(region))
    throw new InputError("--region", `"${values.region}" is not a region name (letters, digits, . _ -)`);
  const allow = serverProbeAllowlist(io.env);
  // stored probes see only the variables the operator lists, never the server's whole environment
  const probeEnv = parseProbeEnvNames(values["probe-env"] ?? [], io.env.TERMSIGHT_PROBE_ENV);
  const maxBodyBytes = values["probe-max-body-bytes"]
    ? parseMaxProbeBodyBytes(values["probe-max-body-bytes"], "--probe-max-body-bytes")
    : parseMaxProbeBodyBytes(io.env.TERMSIGHT_PROBE_MAX_BODY_BYTES, "TERMSIGHT_PROBE_MAX_BODY_BYTES");
  const auth = serveAuthOptions(values, io.env);
  const databaseUrl = io.env.DATABASE_URL || undefined;
  const dataDir = resolve(io.cwd, values.data ?? ".termsight");
  // First start creates and migrates the database (several seconds): say so, or it looks hung.
  // A later start says it only if opening is slow, so a fast refusal (folder locked) stays one line.
  const firstStart = !databaseUrl && !existsSync(dataDir);
  const opening = databaseUrl
    ? "termsight: opening the PostgreSQL database and applying migrations…\n"
    : firstStart
      ? `termsight: first start: creating the database in ${dataDir} (this takes a few seconds)…\n`
      : `termsight: opening the database in ${dataDir}…\n`;
  if (firstStart) io.stderr(opening);
  const slow = firstStart ? null : setTimeout(() => io.stderr(opening), 1500);
  const store = await openStore({
    databaseUrl,
    dataDir,
    // The server keeps its event loop for HTTP work; the embedded database gets the other core.
    pgliteThread: "worker",
  }).finally(() => {
    if (slow) clearTimeout(slow);
  });
  let app: FastifyInstance | null = null;
  try {
    // with PostgreSQL the key must come from the environment: a file on one host would not follow the database
    const secretKey = loadSecretKey({
      env: io.env,
      keyFile: databaseUrl ? null : join(dataDir, SECRET_KEY_FILE),
    });
    const secretBox = secretKey ? new SecretBox(secretKey) : null;
    if (!secretKey)
      io.stderr(
        "termsight: workspace secrets are off (set TERMSIGHT_SECRET_KEY to store them with DATABASE_URL)\n",
      );
    if (!values["no-demo"]) {
      io.stderr("termsight: checking demo data…\n");
      try {
        const demo = await seedDemo(store);
        if (demo)
          io.stderr(
            `termsight: seeded demo data (${demo.documentIds.length} documents, ${demo.tickets} tickets)\n`,
          );
      } catch (err) {
        io.stderr(`termsight: demo data not seeded: ${firstLine(err)}\n`);
      }
    }
    io.stderr("termsight: starting the web server…\n");
    const logging = !values.quiet && io.env.TERMSIGHT_LOG === "1";
    app = await buildServer({
      store,
      logger: logging,
      probeRegion: region,
      probePolicy: { allowedEnv: probeEnv, maxBodyBytes },
      secretKey,
      ...auth,
    });
    const server = app;
    await server.listen({ port, host: values.host });
    const address = app.server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    const url = `http://localhost:${actualPort}`;
    const token = await issueSetupToken(store);
    if (token) io.stderr(`termsight: first start: create the admin account at\n  ${setupLink(token, url)}\n`);
    const jobs = values["no-jobs"]
      ? null
      : await startBackgroundJobs({
          db: store.db,
          store,
          region,
          allow,
          secrets: { env: allowedEnvOf(io.env, probeEnv) },
          secretsFor: (ws) => loadSecretValues(store.db, secretBox, ws),
          secretBox,
          env: io.env,
          maxBodyBytes,
          onError: (err) => io.stderr(`termsight: background job failed: ${firstLine(err)}\n`),
          // TERMSIGHT_LOG=1: job runs (which server, which slot) and their reports in the server's log
          log: logging ? (message, details) => server.log.info(details ?? {}, message) : undefined,
          ...overrides.jobs,
        });
    io.stderr(`termsight: listening on ${url} (API docs: ${url}/api/docs; store: ${store.kind})\n`);
    if (jobs) io.stderr(`termsight: running ${jobs.probes.stats().probes} probe(s) of region "${region}"\n`);
    const running = app;
    let closing: Promise<void> | null = null;
    return {
      app: running,
      store,
      url,
      jobs,
      close() {
        closing ??= (async () => {
          try {
            await running.close();
            await jobs?.stop();
          } finally {
            await store.close();
          }
        })();
        return closing;
      },
    };
  } catch (err) {
    await app?.close().catch(() => {});
    await store.close();
    throw err;
  }
}

/**
 * `termsight serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--region server] [--no-demo] [--no-jobs]
 *   [--probe-env NAME]... [--probe-max-body-bytes N] [--session-hours 12] [--session-idle-minutes 120]
 *   [--trust-proxy true|N|ADDRS] [--secure-cookies true|false|auto]`
 * (DATABASE_URL, TERMSIGHT_PROBE_ALLOW, TERMSIGHT_PROBE_ENV, TERMSIGHT_PROBE_MAX_BODY_BYTES and
 * TERMSIGHT_SECRET_KEY honoured). SIGINT/SIGTERM close the server, stop the
 * background jobs and close the store.
 */
export const run: Command = async (args, io) => {
  const server = await startServe(args, io);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  io.stderr("termsight: shutting down\n");
  await server.close();
  return 0;
};
