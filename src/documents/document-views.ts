export type { Db } from "../context/index.js";

/** Document columns every face shows (never the original bytes; text only on the one-document view). */
export const DOCUMENT_COLUMNS = [
  "id",
  "vendor_id",
  "product_id",
  "name",
  "format",
  "language",
  "encoding",
  "size_bytes",
  "sha256",
  "version",
  "created_by",
  "created_at",
] as const;

export const REVIEW_SUMMARY_COLUMNS = [
  "id",
  "document_id",
  "scenario",
  "lang",
  "score",
  "created_at",
] as const;

export type DocumentView = {
  id: string;
  vendor_id: string | null;
  product_id: string | null;
  name: string;
  format: string;
  language: string;
  encoding: string | null;
  size_bytes: number;
  sha256: string;
  version: number;
  created_by: string | null;
  created_at: Date;
};

export interface ReviewView {
  id: string;
  document_id: string;
  scenario: string;
  lang: string;
  score: number | null;
  created_at: Date;
  result: unknown;
}
