import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { systemCtx } from "../../context/index.js";
import { InputError } from "../../errors/index.js";
import { buildReport, REPORT_FORMATS, REPORT_LANGS, renderReport } from "../../report/index.js";
import { openStore } from "../../store/index.js";
import { oneOf, parseCommandArgs } from "../args.js";
import type { Command } from "../io.js";

/**
 * `termsight report --vendor V | --contract C --period 2026-Q4 [--format html|pdf|csv|json]
 * [--lang zh|en] [--workspace W] --out F` on the data folder (or DATABASE_URL).
 */
export const run: Command = async (args, io) => {
  const { values } = parseCommandArgs("report", args, {
    vendor: { type: "string" },
    contract: { type: "string" },
    period: { type: "string" },
    format: { type: "string" },
    lang: { type: "string" },
    workspace: { type: "string" },
    out: { type: "string" },
    data: { type: "string" },
  });
  if (!values.vendor === !values.contract)
    throw new InputError("termsight report", "give exactly one of --vendor V or --contract C");
  if (!values.period)
    throw new InputError("termsight report", "--period is required (e.g. 2026-Q4, 2026-10, 2026)");
  if (!values.out) throw new InputError("termsight report", "--out FILE is required");
  const format = oneOf("--format", values.format, REPORT_FORMATS, "html");
  const lang = oneOf("--lang", values.lang, REPORT_LANGS, "zh");
  const store = await openStore({
    databaseUrl: io.env.DATABASE_URL || undefined,
    dataDir: resolve(io.cwd, values.data ?? ".termsight"),
  });
  try {
    const workspaceId = await pickWorkspace(store.db, values.workspace, values.vendor, values.contract);
    const model = await buildReport({
      ctx: systemCtx(store, workspaceId, new Date()),
      input: { vendor: values.vendor, contract: values.contract, period: values.period },
    });
    const rendered = await renderReport(model, format, lang);
    const out = resolve(io.cwd, values.out);
    try {
      writeFileSync(out, rendered.bytes);
    } catch (err) {
      throw new InputError(values.out, `cannot write (${(err as NodeJS.ErrnoException).code ?? "error"})`);
    }
    io.stderr(
      `termsight report: ${model.subject.vendor ?? model.subject.contract} ${model.period.label} → ${values.out}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
};

/** The workspace named by --workspace (id or name), else the only one holding the vendor or contract. */
export async function pickWorkspace(
  db: Awaited<ReturnType<typeof openStore>>["db"],
  workspace: string | undefined,
  vendor: string | undefined,
  contract: string | undefined,
): Promise<string> {
  if (workspace) {
    const row = await db
      .selectFrom("workspaces")
      .select("id")
      .where((eb) => eb.or([eb("id", "=", workspace), eb("name", "=", workspace)]))
      .executeTakeFirst();
    if (!row) throw new InputError("--workspace", `no workspace "${workspace}"`);
    return row.id;
  }
  const ref = (vendor ?? contract) as string;
  const table = vendor ? "vendors" : "contracts";
  const rows = await db
    .selectFrom(table)
    .select("workspace_id")
    .where((eb) => eb.or([eb("id", "=", ref), eb("name", "=", ref)]))
    .execute();
  const ids = [...new Set(rows.map((r) => r.workspace_id))];
  if (ids.length === 0)
    throw new InputError(vendor ? "--vendor" : "--contract", `no ${table.slice(0, -1)} "${ref}"`);
  if (ids.length > 1)
    throw new InputError(
      vendor ? "--vendor" : "--contract",
      `"${ref}" is in ${ids.length} workspaces: add --workspace`,
    );
  return ids[0];
}
