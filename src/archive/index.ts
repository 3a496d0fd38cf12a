export { type ExportOptions, type ExportResult, exportArchive } from "./export-archive.js";
export { type ImportResult, importArchive, readArchive, requireEmptyInstance } from "./import-archive.js";
export { ARCHIVE_SCHEMA, Manifest } from "./manifest.js";
