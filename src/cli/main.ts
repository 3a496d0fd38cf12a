import { isTermsightError } from "../errors/index.js";
import { type CliIo, type Command, processIo } from "./io.js";

/** The command registry: the single place a command is added. Loaded lazily so `clock` never loads PDF code. */
const commands: Record<string, { summary: string; usage: string; load: () => Promise<{ run: Command }> }> = {
  review: {
    summary: "review terms documents (txt, md, html, pdf, docx; - for stdin)",
    usage:
      "termsight review FILE... [--scenario S] [--format json|md|html|yaml] [--lang zh|en] [--fail-on high|medium|low] [--out FILE]",
    load: () => import("./commands/review.js"),
  },
  compare: {
    summary: "compare vendors' terms for a scenario",
    usage:
      "termsight compare FILE FILE... [--scenario S] [--format json|md|html] [--lang zh|en] [--out FILE]",
    load: () => import("./commands/compare.js"),
  },
  clock: {
    summary: "business-time arithmetic and SLA timelines",
    usage:
      "termsight clock add --calendar CAL --from ISO --minutes N\n       termsight clock between --calendar CAL --from ISO --to ISO\n       termsight clock timeline --policy P.yaml --events E.json [--now ISO] [--format json|table]",
    load: () => import("./commands/clock.js"),
  },
  serve: {
    summary: "start the server and web UI",
    usage:
      "termsight serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--region server] [--no-demo] [--no-jobs]\n       [--session-hours 12] [--session-idle-minutes 120] [--trust-proxy true|HOPS|ADDR,CIDR] [--secure-cookies true|false|auto]\n       (DATABASE_URL selects a PostgreSQL server; the server runs the stored probes of --region;\n        TERMSIGHT_PROBE_ALLOW=hosts/CIDRs lets them reach private addresses;\n        --probe-env NAME (or TERMSIGHT_PROBE_ENV=A,B) lets probes use env:NAME placeholders; --probe-max-body-bytes N\n        (default 4 MiB); TERMSIGHT_SECRET_KEY seals workspace secrets, required with DATABASE_URL)",
    load: () => import("./commands/serve.js"),
  },
  export: {
    summary: "export everything to a zip archive",
    usage: "termsight export --out FILE.zip [--data DIR]",
    load: () => import("./commands/export.js"),
  },
  import: {
    summary: "import an archive into an empty instance",
    usage: "termsight import FILE.zip [--data DIR]",
    load: () => import("./commands/import.js"),
  },
  report: {
    summary: "SLA report / quarterly service review as HTML, PDF or CSV",
    usage:
      "termsight report --vendor V | --contract C --period 2026-Q4|2026-10|2026-H2|2026|A..B [--format html|pdf|csv|json] [--lang zh|en] [--workspace W] --out FILE [--data DIR]",
    load: () => import("./commands/report.js"),
  },
  latency: {
    summary: "a contract's latency commitments judged per region over a month",
    usage:
      "termsight latency --contract C --period 2026-11 [--format table|json] [--workspace W] [--data DIR]",
    load: () => import("./commands/latency.js"),
  },
  probe: {
    summary: "run one probe now",
    usage: "termsight probe URL [--kind http|sse|ws|tcp|tls] [--allow HOST_OR_CIDR]... [--format json|table]",
    load: () => import("./commands/probe.js"),
  },
  agent: {
    summary: "run a probe agent for a region",
    usage:
      "termsight agent --server URL --token T --region R [--allow HOST_OR_CIDR]... [--secrets FILE] [--probe-env NAME]... [--once]",
    load: () => import("./commands/agent.js"),
  },
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
  if (rest.length === 1 && (rest[0] === "--help" || rest[0] === "-h")) {
    io.stdout(`usage: ${command.usage}\n`);
    return 0;
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
