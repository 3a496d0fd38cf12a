import { isTermsightError } from "../errors/index.js";
import { type CliIo, type Command, processIo } from "./io.js";

/** The command registry: the single place a command is added. Loaded lazily so `clock` never loads PDF code. */
const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  review: { summary: "review terms documents (txt, md, html, pdf, docx; - for stdin)", load: () => import("./commands/review.js") },
  compare: { summary: "compare vendors' terms for a scenario", load: () => import("./commands/compare.js") },
  clock: { summary: "business-time arithmetic and SLA timelines", load: () => import("./commands/clock.js") },
  serve: { summary: "start the server and web UI", load: () => import("./commands/serve.js") },
  export: { summary: "export everything to a zip archive", load: () => import("./commands/export.js") },
  import: { summary: "import an archive into an empty instance", load: () => import("./commands/import.js") },
  probe: { summary: "run one probe now", load: () => import("./commands/probe.js") },
  agent: { summary: "run a probe agent for a region", load: () => import("./commands/agent.js") },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`);
  return `usage: termsight <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}

/** Runs the CLI; returns the exit code. Errors become one line on stderr (stack only with --debug). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  const [name, ...rest] = args;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  if (name === "--version") {
    io.stdout("0.1.0\n");
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`termsight: unknown command "${name}" (run termsight --help)\n`);
    return 2;
  }
  try {
    const { run } = await command.load();
    return await run(rest, io);
  } catch (err) {
    if (isTermsightError(err) && err.code !== "INTERNAL") {
      io.stderr(`termsight ${name}: ${err.message}\n`);
      if (debug && err.stack) io.stderr(`${err.stack}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`termsight ${name}: unexpected error: ${message.split("\n")[0]}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return 3;
  }
}
