// Stored documents and their reviews: storing (ingest + review), views and the verbs every face calls.
export {
  DocumentListQuery,
  getDocument,
  getDocumentOriginal,
  listDocuments,
  UploadFields,
  type UploadInput,
  uploadDocument,
} from "./document-verbs.js";
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
export { reviewUnstored, StatelessReviewBody } from "./review-unstored.js";
export {
  CompareBody,
  compareDocuments,
  createReview,
  EXPORT_TYPES,
  type ExportFormat,
  exportReview,
  getReview,
  listReviews,
  ReviewCreate,
  ReviewExportQuery,
  ReviewListQuery,
} from "./review-verbs.js";
export { type StoreDocumentInput, type StoredDocument, storeDocument } from "./store-document.js";
