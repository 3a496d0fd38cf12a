import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { seedDemo } from "../../demo/index.js";
import { InputError } from "../../errors/index.js";
import { buildServer, issueSetupToken, setupLink } from "../../server/index.js";
import { openStore, type Store } from "../../store/index.js";
import { parseCommandArgs } from "../args.js";
import type { CliIo, Command } from "../io.js";

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  close(): Promise<void>;
}

/** Opens the store, seeds the demo on first start, prints the setup link, listens. */
export async function startServe(args: string[], io: CliIo): Promise<RunningServer> {
  const { values } = parseCommandArgs("serve", args, {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    data: { type: "string" },
    "no-demo": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InputError("--port", `"${values.port}" is not a port number`);
  const databaseUrl = io.env.DATABASE_URL || undefined;
  const store = await openStore({ databaseUrl, dataDir: resolve(io.cwd, values.data ?? ".termsight") });
  try {
    if (!values["no-demo"]) {
      try {
        const demo = await seedDemo(store);
        if (demo)
          io.stderr(
            `termsight: seeded demo data (${demo.documentIds.length} documents, ${demo.tickets} tickets)\n`,
          );
      } catch (err) {
        io.stderr(`termsight: demo data not seeded: ${(err as Error).message.split("\n")[0]}\n`);
      }
    }
    const app = await buildServer({ store, logger: !values.quiet && io.env.TERMSIGHT_LOG === "1" });
    await app.listen({ port, host: values.host });
    const address = app.server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    const url = `http://localhost:${actualPort}`;
    const token = await issueSetupToken(store);
    if (token) io.stderr(`termsight: first start: create the admin account at\n  ${setupLink(token, url)}\n`);
    io.stderr(`termsight: listening on ${url} (API docs: ${url}/api/docs; store: ${store.kind})\n`);
    return {
      app,
      store,
      url,
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** `termsight serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--no-demo]` (DATABASE_URL honoured). */
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
