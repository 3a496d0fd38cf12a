import { createHash } from "node:crypto";
import { zipSync } from "fflate";
import { type Kysely, sql } from "kysely";
import { ARCHIVE_SCHEMA, type Manifest } from "./manifest.js";
import { type ColumnInfo, ident, readCatalog, type TableInfo } from "./table-catalog.js";

// biome-ignore lint/suspicious/noExplicitAny: works on any schema
type AnyDb = Kysely<any>;

export interface ExportOptions {
  /** Recorded as `generated_at` (and as the zip entries' time). */
  now: Date;
  generator?: string;
}

export interface ExportResult {
  bytes: Uint8Array;
  manifest: Manifest;
}

const encoder = new TextEncoder();

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function safeSegment(text: string): string {
  const visible = [...text].map((ch) => (ch.charCodeAt(0) < 32 ? "_" : ch)).join("");
  const cleaned = visible
    .replace(/[/\\:*?"<>|]+/g, "_")
    .replace(/^\.+/, "_")
    .trim();
  return (cleaned || "file").slice(0, 120);
}

/** Where a binary value goes: documents keep their own name; other binaries go under blobs/. */
export function blobPath(
  table: string,
  row: Record<string, unknown>,
  column: ColumnInfo,
  key: string[],
): string {
  const id = key.map((k) => safeSegment(String(row[k]))).join("_") || "row";
  if (table === "documents" && column.name === "original" && typeof row.name === "string") {
    return `documents/${id}/${safeSegment(row.name)}`;
  }
  return `blobs/${table}/${id}/${column.name}.bin`;
}

function hexToBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex.startsWith("\\x") ? hex.slice(2) : hex, "hex"));
}

async function tableLines(db: AnyDb, table: TableInfo, files: Record<string, Uint8Array>): Promise<string[]> {
  const order = table.primaryKey.length > 0 ? table.primaryKey.map(ident).join(", ") : "1";
  const rows = await sql<{
    j: string;
  }>`select row_to_json(t)::text as j from ${sql.raw(ident(table.name))} t order by ${sql.raw(order)}`.execute(
    db,
  );
  const binary = table.columns.filter((c) => c.type === "bytea");
  const lines = rows.rows.map((r) => r.j);
  if (binary.length === 0) return table.primaryKey.length > 0 ? lines : [...lines].sort();
  return lines.map((line) => {
    const row = JSON.parse(line) as Record<string, unknown>;
    for (const column of binary) {
      const value = row[column.name];
      if (typeof value !== "string") continue;
      const path = blobPath(table.name, row, column, table.primaryKey);
      files[path] = hexToBytes(value);
      row[column.name] = { $file: path };
    }
    return JSON.stringify(row);
  });
}

/**
 * Exports every table of the store (a consistent snapshot) as a zip: `manifest.json`, one
 * `tables/<name>.jsonl` per table (one JSON object per row, ordered by primary key) and binary
 * columns (original documents) as files. See docs/export-format.md.
 */
export async function exportArchive(db: AnyDb, opts: ExportOptions): Promise<ExportResult> {
  const files: Record<string, Uint8Array> = {};
  const { tables, migrations } = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      await sql`set local time zone 'UTC'`.execute(trx);
      const catalog = await readCatalog(trx);
      const tables: Manifest["tables"] = [];
      for (const table of catalog) {
        const lines = await tableLines(trx, table, files);
        const file = `tables/${table.name}.jsonl`;
        files[file] = encoder.encode(lines.map((l) => `${l}\n`).join(""));
        tables.push({
          name: table.name,
          file,
          rows: lines.length,
          columns: table.columns.filter((c) => !c.generated).map((c) => c.name),
          primary_key: table.primaryKey,
        });
      }
      const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        trx,
      );
      return { tables, migrations: migrations.rows.map((m) => m.name) };
    });
  const listed: Manifest["files"] = {};
  for (const path of Object.keys(files).sort())
    listed[path] = { sha256: sha256(files[path]), bytes: files[path].length };
  const manifest: Manifest = {
    schema: ARCHIVE_SCHEMA,
    generated_at: opts.now.toISOString(),
    generator: opts.generator ?? "termsight 0.1.0",
    migrations,
    tables,
    counts: Object.fromEntries(tables.map((t) => [t.name, t.rows])),
    files: listed,
  };
  const entries: Record<string, Uint8Array> = {
    "manifest.json": encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`),
  };
  for (const path of Object.keys(files).sort()) entries[path] = files[path];
  const bytes = zipSync(entries, { level: 6, mtime: opts.now });
  return { bytes, manifest };
}
