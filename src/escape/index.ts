export { escapeHtml, escapeMarkdown } from "./escape-text.js";
