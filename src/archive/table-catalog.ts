import { type Kysely, sql } from "kysely";

/** A column of a store table, as the archive needs it. */
export interface ColumnInfo {
  name: string;
  /** information_schema data_type (`bytea`, `jsonb`, `timestamp with time zone`, …). */
  type: string;
  generated: boolean;
  nullable: boolean;
  /** Serial or identity: its sequence is moved past the imported values. */
  sequenced: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Tables this one references (foreign keys), other than itself. */
  parents: string[];
}

/**
 * Tables never exported: migration bookkeeping, sessions (users log in again after a restore),
 * workspace secrets (sealed with this instance's key; an admin stores them again after a restore),
 * and the scheduling state of the running servers (src/jobs: rebuilt by the servers that run, and
 * written as soon as one starts, so a restore target would never look empty).
 */
export const SKIPPED_TABLES = new Set([
  "kysely_migration",
  "kysely_migration_lock",
  "sessions",
  "workspace_secrets",
  "job_servers",
  "job_schedules",
  "job_missed",
  "probe_round_claims",
]);

/**
 * Tables a new instance already fills, kept when checking that an instance is empty and replaced
 * by the archive's rows on import: settings (the setup token) and the probe kinds the migration
 * writes (probes reference them).
 */
export const IGNORED_WHEN_EMPTY = new Set(["settings", "probe_kinds"]);

// biome-ignore lint/suspicious/noExplicitAny: works on any schema
type AnyDb = Kysely<any>;

/** Every base table of the current schema with columns, primary key and foreign-key parents, in insert order. */
export async function readCatalog(db: AnyDb): Promise<TableInfo[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_generated: string;
    is_identity: string;
    is_nullable: string;
    column_default: string | null;
  }>`
    select table_name, column_name, data_type, is_generated, is_identity, is_nullable, column_default
    from information_schema.columns where table_schema = current_schema()
    order by table_name, ordinal_position`.execute(db);
  const keys = await sql<{
    table_name: string;
    column_name: string;
    constraint_type: string;
    ordinal_position: number;
  }>`
    select tc.table_name, kcu.column_name, tc.constraint_type, kcu.ordinal_position
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_name = tc.constraint_name and kcu.constraint_schema = tc.constraint_schema
    where tc.table_schema = current_schema() and tc.constraint_type = 'PRIMARY KEY'
    order by tc.table_name, kcu.ordinal_position`.execute(db);
  const fks = await sql<{ child: string; parent: string }>`
    select distinct cl.relname as child, pl.relname as parent
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_class pl on pl.oid = c.confrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where c.contype = 'f' and n.nspname = current_schema()`.execute(db);

  const out = new Map<string, TableInfo>();
  for (const t of tables.rows) {
    if (SKIPPED_TABLES.has(t.table_name)) continue;
    out.set(t.table_name, { name: t.table_name, columns: [], primaryKey: [], parents: [] });
  }
  for (const c of columns.rows) {
    out.get(c.table_name)?.columns.push({
      name: c.column_name,
      type: c.data_type,
      generated: c.is_generated === "ALWAYS",
      nullable: c.is_nullable === "YES",
      sequenced: c.is_identity === "YES" || (c.column_default ?? "").startsWith("nextval("),
    });
  }
  for (const k of keys.rows) out.get(k.table_name)?.primaryKey.push(k.column_name);
  for (const f of fks.rows) {
    const t = out.get(f.child);
    if (t && f.parent !== f.child && out.has(f.parent) && !t.parents.includes(f.parent))
      t.parents.push(f.parent);
  }
  return insertOrder([...out.values()]);
}

/** Parents before children; ties by name so the order is stable. */
export function insertOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const p of [...t.parents].sort()) {
      const parent = byName.get(p);
      if (parent) visit(parent, path);
    }
    path.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}

/** A quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
