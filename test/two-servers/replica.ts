// One server replica for two-servers.test.ts: the store on PostgreSQL (the test's schema) and the
// background jobs `termsight serve` runs, with probe rounds shared through the lease table.
import { parseAllowlist } from "../../src/probes/index.js";
import { startBackgroundJobs } from "../../src/server/index.js";
import { openStore } from "../../src/store/index.js";

const store = await openStore({
  databaseUrl: process.env.REPLICA_PG_URL,
  schema: process.env.REPLICA_SCHEMA,
  poolSize: 5,
});
const jobs = await startBackgroundJobs({
  db: store.db,
  store,
  allow: parseAllowlist(["127.0.0.1"]),
  shareProbes: true,
  jobs: [],
  onError: (err) => process.stderr.write(`replica error: ${(err as Error).message}\n`),
});
process.stdout.write(`ready ${jobs.leases?.serverId} ${jobs.probes.stats().probes}\n`);
process.on("SIGTERM", () => {
  void (async () => {
    await jobs.stop();
    await store.close();
    process.stdout.write(`stopped ${JSON.stringify(jobs.probes.stats())}\n`);
    process.exit(0);
  })();
});
