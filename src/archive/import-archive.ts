import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import { type Kysely, sql } from "kysely";
import { ConflictError, InputError } from "../errors/index.js";
import { Manifest } from "./manifest.js";
import { IGNORED_WHEN_EMPTY, ident, readCatalog, type TableInfo } from "./table-catalog.js";

// biome-ignore lint/suspicious/noExplicitAny: works on any schema
type AnyDb = Kysely<any>;

const SOURCE = "archive";
/** Rows per insert statement, and a byte budget so big documents go a few at a time. */
const CHUNK_ROWS = 500;
const CHUNK_BYTES = 16 * 1024 * 1024;

export interface ImportResult {
  counts: Record<string, number>;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Unzips and checks an archive: manifest schema, every file present with its sha256. */
export function readArchive(bytes: Uint8Array): { manifest: Manifest; files: Record<string, Uint8Array> } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (err) {
    throw new InputError(SOURCE, `not a zip file (${(err as Error).message.toLowerCase()})`);
  }
  const raw = files["manifest.json"];
  if (!raw) throw new InputError(SOURCE, "no manifest.json (not a termsight export)");
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new InputError(`${SOURCE}: manifest.json`, "malformed json");
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `${SOURCE}: manifest.json`,
      `${issue.path.join(".") || "(root)"}: ${issue.message.toLowerCase()}`,
    );
  }
  const manifest = parsed.data;
  for (const [path, meta] of Object.entries(manifest.files)) {
    const file = files[path];
    if (!file) throw new InputError(SOURCE, `${path}: listed in the manifest but missing`);
    if (file.length !== meta.bytes || sha256(file) !== meta.sha256)
      throw new InputError(SOURCE, `${path}: sha256 does not match the manifest (corrupt archive)`);
  }
  for (const t of manifest.tables) {
    if (!manifest.files[t.file])
      throw new InputError(SOURCE, `${t.file}: table file not listed in the manifest`);
  }
  return { manifest, files };
}

function parseRows(
  table: string,
  text: string,
  files: Record<string, Uint8Array>,
  binary: Set<string>,
): string[] {
  // Rows go to the database as the JSON text they were exported as (numbers keep their precision);
  // only rows with binary columns are rewritten, to inline their files.
  const out: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === "") continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(lines[i]) as Record<string, unknown>;
    } catch {
      throw new InputError(`${SOURCE}: tables/${table}.jsonl`, "malformed json", i + 1);
    }
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      throw new InputError(`${SOURCE}: tables/${table}.jsonl`, "expected one json object per line", i + 1);
    }
    if (binary.size === 0) {
      out.push(lines[i]);
      continue;
    }
    for (const column of binary) {
      const ref = row[column] as { $file?: unknown } | null | undefined;
      if (ref == null) continue;
      const path = typeof ref === "object" ? ref.$file : undefined;
      const bytes = typeof path === "string" ? files[path] : undefined;
      if (!bytes)
        throw new InputError(
          `${SOURCE}: tables/${table}.jsonl`,
          `${column}: file ${String(path)} missing`,
          i + 1,
        );
      row[column] = `\\x${Buffer.from(bytes).toString("hex")}`;
    }
    out.push(JSON.stringify(row));
  }
  return out;
}

async function insertRows(db: AnyDb, table: TableInfo, rows: string[]): Promise<void> {
  const insertable = table.columns.filter((c) => !c.generated);
  const list = sql.raw(insertable.map((c) => ident(c.name)).join(", "));
  // JSON null and SQL NULL both export as null; a NOT NULL json column gets JSON null back.
  const values = sql.raw(
    insertable
      .map((c) =>
        !c.nullable && (c.type === "jsonb" || c.type === "json")
          ? `coalesce(${ident(c.name)}, 'null'::${c.type})`
          : ident(c.name),
      )
      .join(", "),
  );
  const name = sql.raw(ident(table.name));
  let chunk: string[] = [];
  let size = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const json = `[${chunk.join(",")}]`;
    await sql`insert into ${name} (${list}) overriding system value
      select ${values} from json_populate_recordset(null::${name}, ${json}::json)`.execute(db);
    chunk = [];
    size = 0;
  };
  for (const text of rows) {
    if (chunk.length >= CHUNK_ROWS || (size > 0 && size + text.length > CHUNK_BYTES)) await flush();
    chunk.push(text);
    size += text.length;
  }
  await flush();
  for (const c of table.columns.filter((col) => col.sequenced)) {
    await sql`select setval(pg_get_serial_sequence(${table.name}, ${c.name}), coalesce(max(${sql.raw(ident(c.name))}), 1), max(${sql.raw(ident(c.name))}) is not null) from ${name}`.execute(
      db,
    );
  }
}

/** Throws ConflictError naming the first table that has rows (settings aside). */
export async function requireEmptyInstance(db: AnyDb, catalog?: TableInfo[]): Promise<void> {
  for (const table of catalog ?? (await readCatalog(db))) {
    if (IGNORED_WHEN_EMPTY.has(table.name)) continue;
    const r = await sql<{
      any: boolean;
    }>`select exists (select 1 from ${sql.raw(ident(table.name))}) as any`.execute(db);
    if (r.rows[0]?.any) {
      throw new ConflictError(
        `import needs an empty instance, but table ${table.name} has rows; use a new data folder or database`,
      );
    }
  }
}

/**
 * Restores an export into an EMPTY instance, identically (same ids, timestamps, bytes), in one
 * transaction: a bad archive or a non-empty instance changes nothing.
 */
export async function importArchive(db: AnyDb, bytes: Uint8Array): Promise<ImportResult> {
  const { manifest, files } = readArchive(bytes);
  return db.transaction().execute(async (trx) => {
    const catalog = await readCatalog(trx);
    const byName = new Map(catalog.map((t) => [t.name, t]));
    const applied = new Set(
      (await sql<{ name: string }>`select name from kysely_migration`.execute(trx)).rows.map((r) => r.name),
    );
    const newer = manifest.migrations.filter((m) => !applied.has(m));
    if (newer.length > 0)
      throw new InputError(
        SOURCE,
        `made by a newer termsight (migrations ${newer.join(", ")} unknown here); upgrade first`,
      );
    for (const t of manifest.tables) {
      const table = byName.get(t.name);
      if (!table) throw new InputError(SOURCE, `table ${t.name} does not exist in this instance`);
      const known = new Set(table.columns.map((c) => c.name));
      const unknown = t.columns.find((c) => !known.has(c));
      if (unknown)
        throw new InputError(SOURCE, `table ${t.name}: column ${unknown} does not exist in this instance`);
    }
    await requireEmptyInstance(trx, catalog);
    const inArchive = new Map(manifest.tables.map((t) => [t.name, t]));
    for (const table of catalog) {
      const entry = inArchive.get(table.name);
      if (!entry) continue;
      if (IGNORED_WHEN_EMPTY.has(table.name))
        await sql`delete from ${sql.raw(ident(table.name))}`.execute(trx);
      const binary = new Set(table.columns.filter((c) => c.type === "bytea").map((c) => c.name));
      const rows = parseRows(table.name, new TextDecoder().decode(files[entry.file]), files, binary);
      if (rows.length !== entry.rows)
        throw new InputError(SOURCE, `${entry.file}: ${rows.length} rows, manifest says ${entry.rows}`);
      await insertRows(trx, table, rows);
    }
    return { counts: Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])) };
  });
}
