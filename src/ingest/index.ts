export type { DocumentFormat } from "./detect-format.js";
export { detectLanguage } from "./detect-language.js";
export { type EmailMessage, parseEmailMessage } from "./email-message.js";
export { type IngestedDocument, ingestBytes, ingestFile, MAX_DOCUMENT_BYTES } from "./ingest-document.js";
export { lineOf } from "./line-of.js";
