import { z } from "zod";

export const ARCHIVE_SCHEMA = "termsight.export/v1";

export const ManifestFile = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
});

export const ManifestTable = z.object({
  name: z.string().min(1),
  file: z.string().min(1),
  rows: z.number().int().nonnegative(),
  columns: z.array(z.string()),
  primary_key: z.array(z.string()),
});

/** `manifest.json` at the root of an export archive (docs/export-format.md). */
export const Manifest = z.object({
  schema: z.literal(ARCHIVE_SCHEMA),
  generated_at: z.string(),
  generator: z.string(),
  /** Store migrations applied in the exporting instance. */
  migrations: z.array(z.string()),
  /** Tables in insert order (parents first). */
  tables: z.array(ManifestTable),
  /** Rows per table, for a quick look. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** Every other file of the archive with its sha256 and size. */
  files: z.record(z.string(), ManifestFile),
});
export type Manifest = z.infer<typeof Manifest>;
