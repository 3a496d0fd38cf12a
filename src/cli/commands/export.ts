import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { exportArchive } from "../../archive/index.js";
import { InputError } from "../../errors/index.js";
import { openStore } from "../../store/index.js";
import { parseCommandArgs } from "../args.js";
import type { Command } from "../io.js";

/** `termsight export --out FILE.zip [--data DIR]` (or DATABASE_URL): everything, as docs/export-format.md describes. */
export const run: Command = async (args, io) => {
  const { values } = parseCommandArgs("export", args, { out: { type: "string" }, data: { type: "string" } });
  if (!values.out) throw new InputError("termsight export", "--out FILE.zip is required");
  const out = resolve(io.cwd, values.out);
  const store = await openStore({
    databaseUrl: io.env.DATABASE_URL || undefined,
    dataDir: resolve(io.cwd, values.data ?? ".termsight"),
  });
  try {
    const { bytes, manifest } = await exportArchive(store.db, { now: new Date() });
    try {
      writeFileSync(out, bytes);
    } catch (err) {
      throw new InputError(values.out, `cannot write (${(err as NodeJS.ErrnoException).code ?? "error"})`);
    }
    const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
    io.stderr(
      `termsight export: ${rows} rows in ${manifest.tables.length} tables, ${Object.keys(manifest.files).length} files → ${values.out}\n`,
    );
    io.stdout(`${JSON.stringify({ out, counts: manifest.counts })}\n`);
    return 0;
  } finally {
    await store.close();
  }
};
