import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { ConflictError, InputError } from "../errors/index.js";
import { inflateEntry, readZipDirectory, type ZipEntry } from "../ingest/index.js";
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

/** What an archive may hold; a real export is far below each. */
const MAX_ENTRIES = 100_000;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** Bytes the manifest may declare per compressed byte (JSONL and documents compress ≈ 3–30×). */
const MAX_RATIO = 200;
const RATIO_ALLOWANCE = 64 * 1024 * 1024;

function notZip(err: unknown): unknown {
  if (!(err instanceof InputError) || !err.reason.startsWith("corrupt zip")) return err;
  return new InputError(SOURCE, `not a zip file (${err.reason})`, null, { cause: err });
}

/**
 * Unzips and checks an archive: manifest schema, every file present with its sha256. Only the
 * manifest and the files it lists are inflated, each never past the size the manifest declares;
 * an entry the manifest does not list is refused without being inflated.
 */
export function readArchive(bytes: Uint8Array): { manifest: Manifest; files: Record<string, Uint8Array> } {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes, SOURCE, MAX_ENTRIES);
  } catch (err) {
    throw notZip(err);
  }
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) {
    if (entry.name.endsWith("/") && entry.uncompressedSize === 0) continue; // a folder
    if (byName.has(entry.name)) throw new InputError(SOURCE, `${entry.name}: twice in the zip`);
    byName.set(entry.name, entry);
  }
  const inflate = (entry: ZipEntry, max: number) => {
    try {
      return inflateEntry(bytes, entry, SOURCE, max);
    } catch (err) {
      throw notZip(err);
    }
  };
  const manifestEntry = byName.get("manifest.json");
  const files: Record<string, Uint8Array> = {};
  if (manifestEntry) files["manifest.json"] = inflate(manifestEntry, MAX_MANIFEST_BYTES);
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
  for (const name of byName.keys()) {
    if (name !== "manifest.json" && !Object.hasOwn(manifest.files, name))
      throw new InputError(SOURCE, `${name}: not listed in the manifest (not inflated)`);
  }
  const declared = Object.values(manifest.files).reduce((sum, f) => sum + f.bytes, 0);
  if (declared > bytes.length * MAX_RATIO + RATIO_ALLOWANCE) {
    throw new InputError(
      SOURCE,
      `the manifest declares ${declared} bytes, more than ${MAX_RATIO}× the archive's ${bytes.length}`,
    );
  }
  for (const [path, meta] of Object.entries(manifest.files)) {
    const entry = byName.get(path);
    if (!entry) throw new InputError(SOURCE, `${path}: listed in the manifest but missing`);
    const file = inflate(entry, meta.bytes);
    files[path] = file;
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
