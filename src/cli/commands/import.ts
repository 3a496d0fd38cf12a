import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { importArchive } from "../../archive/index.js";
import { InputError } from "../../errors/index.js";
import { ensureInstanceAdmin } from "../../server/index.js";
import { openStore } from "../../store/index.js";
import { parseCommandArgs } from "../args.js";
import type { Command } from "../io.js";

/** `termsight import FILE.zip [--data DIR]` (or DATABASE_URL): restores an export into an EMPTY instance. */
export const run: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs("import", args, { data: { type: "string" } });
  if (positionals.length !== 1)
    throw new InputError("termsight import", "give one archive: termsight import FILE.zip [--data DIR]");
  const file = positionals[0];
  let bytes: Uint8Array;
  try {
    bytes =
      file === "-"
        ? new Uint8Array(await io.readStdin())
        : new Uint8Array(readFileSync(resolve(io.cwd, file)));
  } catch (err) {
    throw new InputError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const store = await openStore({
    databaseUrl: io.env.DATABASE_URL || undefined,
    dataDir: resolve(io.cwd, values.data ?? ".termsight"),
  });
  try {
    const { counts } = await importArchive(store.db, bytes);
    await ensureInstanceAdmin(store.db); // archives made before instance roles have none
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    io.stderr(`termsight import: restored ${rows} rows in ${Object.keys(counts).length} tables\n`);
    io.stdout(`${JSON.stringify({ counts })}\n`);
    return 0;
  } finally {
    await store.close();
  }
};
