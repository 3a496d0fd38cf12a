export { type AuditEntry, writeAudit } from "./audit.js";
export { type AutoAnalyze, analyzeChangedTables, startAutoAnalyze } from "./auto-analyze.js";
export { newId } from "./ids.js";
export { jsonb, reviveTimestamps, selectRowsViaJson } from "./json.js";
export {
  type CursorColumns,
  decodeListCursor,
  encodeListCursor,
  type Page,
  PageQuery,
  paginate,
  selectPage,
  toPage,
} from "./list-cursor.js";
export { runStatements } from "./migrations/run-statements.js";
export { type OpenStoreOptions, openStore, type Store } from "./open-store.js";
export { readInPages } from "./read-in-pages.js";
export type { Database } from "./schema.js";
export type * from "./tables/core.js";
