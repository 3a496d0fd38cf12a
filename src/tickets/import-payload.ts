import { createHash } from "node:crypto";
import { InputError } from "../errors/index.js";
import { sharedSandbox } from "../sandbox/index.js";
import type { ImportFormat, ImportRow } from "./import-row.js";
import { parseTicketCsv } from "./parse-ticket-csv.js";
import { parseTicketJson } from "./parse-ticket-json.js";
import { type ThreadEmail, threadEmails } from "./thread-emails.js";

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportParseOptions {
  /** .eml: severity of a new ticket whose subject names none. */
  severity: string;
  /** .eml: the vendor's mail domains (replies from them are `agent_reply`). */
  vendor_domains: string[];
}

function utf8(file: ImportFile): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(file.bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new InputError(file.name, "not utf-8 text");
  }
}

/** The bytes kept in import_jobs.payload: the file itself (csv, json) or a JSON list of emails. */
export function encodePayload(format: ImportFormat, files: ImportFile[]): Uint8Array {
  if (format !== "eml") return files[0].bytes;
  const list = files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString("base64") }));
  return new TextEncoder().encode(JSON.stringify(list));
}

export function decodePayload(format: ImportFormat, sourceName: string, payload: Uint8Array): ImportFile[] {
  if (format !== "eml") return [{ name: sourceName, bytes: payload }];
  const list = JSON.parse(new TextDecoder().decode(payload)) as { name: string; base64: string }[];
  return list.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.base64, "base64")) }));
}

/** Parses and validates a whole import before anything is written; InputError names the file, line/row and field. */
export async function parseImportFiles(
  format: ImportFormat,
  files: ImportFile[],
  opts: ImportParseOptions,
): Promise<ImportRow[]> {
  if (files.length === 0) throw new InputError("file", "no file uploaded");
  if (format !== "eml" && files.length > 1)
    throw new InputError("file", `one ${format} file per import (got ${files.length})`);
  if (format === "csv") return parseTicketCsv(utf8(files[0]), files[0].name);
  if (format === "json") return parseTicketJson(utf8(files[0]), files[0].name);
  const emails: ThreadEmail[] = [];
  for (const file of files) {
    // MIME and HTML bodies are untrusted: parsed on a worker thread, bounded in time and memory
    const message = await sharedSandbox().parseEmail(file.bytes, file.name);
    emails.push({
      name: file.name,
      ...message,
      fallbackId: `sha256:${createHash("sha256").update(file.bytes).digest("hex")}`,
    });
  }
  return threadEmails(emails, { vendorDomains: opts.vendor_domains, severity: opts.severity });
}

/** Guesses the format from a file name (`.csv`, `.json`, `.eml`). */
export function formatOfName(name: string): ImportFormat | null {
  const ext = name.toLowerCase().split(".").pop();
  return ext === "csv" || ext === "json" || ext === "eml" ? ext : null;
}
