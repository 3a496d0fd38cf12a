import { resolve } from "node:path";
import { systemCtx } from "../../context/index.js";
import { InputError } from "../../errors/index.js";
import { contractLatency, type LatencyReport } from "../../latency/index.js";
import { openStore } from "../../store/index.js";
import { oneOf, parseCommandArgs } from "../args.js";
import type { Command } from "../io.js";
import { pickWorkspace } from "./report.js";

/**
 * `termsight latency --contract C --period 2026-11 [--format table|json] [--workspace W]`: the
 * contract's latency commitments judged per region over a month (the `GET …/contracts/:id/latency`
 * verb) on the data folder or DATABASE_URL. Exit 1 when a commitment was breached.
 */
export const run: Command = async (args, io) => {
  const { values } = parseCommandArgs("latency", args, {
    contract: { type: "string" },
    period: { type: "string" },
    format: { type: "string" },
    workspace: { type: "string" },
    data: { type: "string" },
  });
  if (!values.contract) throw new InputError("termsight latency", "--contract C is required (id or name)");
  if (!values.period) throw new InputError("termsight latency", "--period YYYY-MM is required");
  const format = oneOf("--format", values.format, ["table", "json"] as const, "table");
  const store = await openStore({
    databaseUrl: io.env.DATABASE_URL || undefined,
    dataDir: resolve(io.cwd, values.data ?? ".termsight"),
  });
  try {
    const workspaceId = await pickWorkspace(store.db, values.workspace, undefined, values.contract);
    const row = await store.db
      .selectFrom("contracts")
      .select("id")
      .where("workspace_id", "=", workspaceId)
      .where((eb) =>
        eb.or([eb("id", "=", values.contract as string), eb("name", "=", values.contract as string)]),
      )
      .executeTakeFirstOrThrow();
    const report = await contractLatency({
      ctx: systemCtx(store, workspaceId, new Date()),
      input: { contractId: row.id, period: values.period },
    });
    io.stdout(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : latencyTable(report));
    return report.met === false ? 1 : 0;
  } finally {
    await store.close();
  }
};

/** One line per target and region: bound, value, windows breached, breaching samples. */
export function latencyTable(r: LatencyReport): string {
  const lines = [
    `period ${r.period.label} (${r.period.timezone})${r.period.partial ? " partial" : ""}; met: ${r.met ?? "no data"}; no-data samples: ${r.no_data_samples}`,
  ];
  if (r.targets.length === 0) lines.push("no latency commitments in the contract's terms (latency:)");
  for (const t of r.targets) {
    lines.push(
      `${t.target.metric} ${t.target.stat} < ${t.target.below_ms} ms per ${t.target.window}: ${t.met ?? "no data"}`,
    );
    for (const g of t.regions)
      lines.push(
        `  ${(g.region ?? "(no region)").padEnd(14)} ${String(g.value_ms ?? "-").padStart(7)} ms  ${g.windows_breached}/${g.windows_judged} windows breached  ${g.breaching_samples.count} of ${g.samples} samples at or over`,
      );
  }
  return `${lines.join("\n")}\n`;
}
