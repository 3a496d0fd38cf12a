export { escapeHtml } from "../../escape/index.js";
