// Stored documents and their reviews: storing (ingest + review), views and the review verbs.
export {
  DOCUMENT_COLUMNS,
  type DocumentView,
  REVIEW_SUMMARY_COLUMNS,
  type ReviewView,
} from "./document-views.js";
export {
  ensureReview,
  insertReview,
  type ReviewLang,
  reviewLang,
  reviewText,
  reviewTextInSandbox,
} from "./review-stored-document.js";
export { type StoreDocumentInput, type StoredDocument, storeDocument } from "./store-document.js";
