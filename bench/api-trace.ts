/**
 * `bench/api.ts --trace DIR`: what every process of a run did, on one wall clock, so that a latency
 * stall seen by the load generator can be lined up with its cause (bench/api-trace-summary.mjs).
 * Each server process writes DIR/server-<pid>.jsonl: event-loop lags, GC pauses, slow requests as the
 * server timed them, heap size, and the job runner's log. The bench process writes DIR/machine.jsonl:
 * the CPU of the machine (used, stolen) and of each group of processes (replicas, load generators,
 * PostgreSQL) every 100 ms, and PostgreSQL's own work in progress (autovacuum, checkpoints, client
 * statements running longer than 20 ms). Only standard interfaces: perf_hooks, /proc, pg_stat_activity.
 */
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { type Kysely, sql } from "kysely";
import { jsonlWriter } from "./api-trace-process.mjs";

export { type ProcessTrace, traceServerProcess } from "./api-trace-process.mjs";

/** CPU seconds (user + system) of a process, from /proc/<pid>/stat; null when it is gone. */
function processCpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name may hold spaces; the fields after it are fixed
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

function postgresPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, "utf8").startsWith("postgres")) pids.push(Number(name));
    } catch {}
  }
  return pids;
}

function machineTicks() {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal = 0] = fields.map(Number);
  return {
    busy: user + nice + system + irq + softirq,
    all: user + nice + system + idle + iowait + irq + softirq + steal,
    steal,
    // Interrupt work (the loopback network's delivery among it) is charged to no process.
    interrupts: irq + softirq,
  };
}

export interface MachineTrace {
  /** Counts this process's CPU under `group` from now on. */
  watch(group: string, pid: number | undefined): void;
  stop(): Promise<void>;
}

/** Traces the machine and PostgreSQL from the bench process (`db`: any database; only the catalog is read). */
// biome-ignore lint/suspicious/noExplicitAny: only pg_stat_activity is queried, through raw SQL
export function traceMachine(dir: string, db: Kysely<any> | null): MachineTrace {
  const out = jsonlWriter(`${dir}/machine.jsonl`);
  const groups = new Map<number, string>([[process.pid, "bench"]]);
  let pg = postgresPids();
  let last = new Map<number, number>();
  let lastMachine = machineTicks();
  const cpus = availableParallelism();
  let samples = 0;
  const cpuTimer = setInterval(() => {
    if (++samples % 10 === 0) pg = postgresPids();
    const ticks = new Map<number, number>();
    const byGroup: Record<string, number> = {};
    for (const [pid, group] of [...groups, ...pg.map((p) => [p, "postgres"] as const)]) {
      const t = processCpuTicks(pid);
      if (t === null) continue;
      ticks.set(pid, t);
      const before = last.get(pid);
      if (before !== undefined) byGroup[group] = (byGroup[group] ?? 0) + (t - before);
    }
    last = ticks;
    const m = machineTicks();
    const all = m.all - lastMachine.all;
    if (all > 0)
      out.write({
        kind: "cpu",
        // in cores: ticks are 1/100 s per core; the sample spans 0.1 s
        busy: Number(((m.busy - lastMachine.busy) / all).toFixed(2)),
        steal: Number(((m.steal - lastMachine.steal) / all).toFixed(2)),
        interrupts: Number(((m.interrupts - lastMachine.interrupts) / all).toFixed(2)),
        cpus,
        cores: Object.fromEntries(Object.entries(byGroup).map(([g, t]) => [g, Number((t / 10).toFixed(1))])),
      });
    lastMachine = m;
  }, 100);
  let polling = Promise.resolve();
  const pgTimer = db
    ? setInterval(() => {
        polling = polling.then(async () => {
          const { rows } = await sql<{ type: string; query: string | null; ms: number; wait: string | null }>`
            select backend_type as type, left(query, 100) as query, wait_event as wait,
              extract(epoch from clock_timestamp() - coalesce(query_start, backend_start)) * 1000 as ms
            from pg_stat_activity
            where pid <> pg_backend_pid()
              and ((backend_type = 'client backend' and state = 'active'
                    and clock_timestamp() - query_start > interval '20 ms')
                or (backend_type not in ('client backend', 'walsender') and wait_event is null))`
            .execute(db)
            .catch(() => ({ rows: [] }));
          for (const r of rows)
            out.write({ kind: "pg", type: r.type, ms: Math.round(r.ms), wait: r.wait, query: r.query });
        });
      }, 50)
    : null;
  return {
    watch(group, pid) {
      if (pid !== undefined) groups.set(pid, group);
    },
    async stop() {
      clearInterval(cpuTimer);
      if (pgTimer) clearInterval(pgTimer);
      await polling;
      out.close();
    },
  };
}
