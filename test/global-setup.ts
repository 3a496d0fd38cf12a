import pg from "pg";

/**
 * Drops PostgreSQL test schemas (`ts_test_<pid>_…`) left behind by test processes that were
 * killed before their cleanup ran. A schema whose process is still alive is left alone.
 */
export default async function dropOrphanTestSchemas(): Promise<void> {
  const url = process.env.TERMSIGHT_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return; // the store tests report an unreachable server themselves
  }
  try {
    const { rows } = await client.query<{ nspname: string }>(
      "select nspname from pg_namespace where nspname like 'ts\\_test\\_%'",
    );
    for (const { nspname } of rows) {
      const pid = Number(/^ts_test_(\d+)_/.exec(nspname)?.[1]);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
      await client.query(`drop schema if exists "${nspname}" cascade`);
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
