// Paging lives in the store (one helper for verbs and routes); this door stays for route files
// another branch still converts (probes.ts). Import from src/store in new code.
export { type CursorColumns, type Page, PageQuery, paginate, toPage } from "../store/index.js";
