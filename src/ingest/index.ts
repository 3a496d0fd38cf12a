export {
  type DocumentBlock,
  type HeadingBlock,
  headingPaths,
  isHeadingLine,
  type ListItemBlock,
  type ListMarker,
  type MarkerStyle,
  markerAt,
  type ParagraphBlock,
  readBlocks,
  type TableBlock,
  type TableRow,
  type TextRange,
} from "./blocks.js";
export { type DocumentFormat, detectFormat } from "./detect-format.js";
export { detectLanguage } from "./detect-language.js";
export { type IngestedDocument, ingestBytes, ingestFile, MAX_DOCUMENT_BYTES } from "./ingest-document.js";
export { DOCUMENT_LIMITS, type DocumentLimits } from "./limits.js";
export { lineOf } from "./line-of.js";
export { type EmailMessage, parseEmailMessage } from "./parse-email-lazily.js";
export { inflateEntry, readZipDirectory, type ZipEntry } from "./zip-directory.js";
