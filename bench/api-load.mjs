/**
 * The load side of bench/api.ts, in its own process so that the load generator does not share the
 * server's event loop (one core each on a two-core machine). Reads one JSON job from stdin:
 * { url, method, paths: string[], body: "customer_reply" | null, headers, connections, duration, rate }
 * and prints autocannon's result as JSON on stdout.
 */
import autocannon from "autocannon";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);
let n = 0;
const nextPath = () => job.paths[n++ % job.paths.length];
const body = () =>
  job.body === "customer_reply"
    ? JSON.stringify({ type: "customer_reply", at: new Date().toISOString() })
    : undefined;

autocannon(
  {
    url: job.url,
    connections: job.connections,
    duration: job.duration,
    overallRate: job.rate,
    requests: [
      {
        method: job.method,
        path: job.paths[0],
        headers: job.headers,
        setupRequest: (req) => ({ ...req, path: nextPath(), body: body() }),
      },
    ],
  },
  (err, result) => {
    if (err) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(JSON.stringify(result));
  },
);
