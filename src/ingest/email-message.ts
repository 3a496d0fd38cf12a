import { type AddressObject, simpleParser } from "mailparser";
import { InputError } from "../errors/index.js";
import { normalizeNewlines } from "./decode-text.js";
import { htmlToText } from "./html-to-text.js";

/** One email of a thread, as ticket import needs it. */
export interface EmailMessage {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The sender's address, lower-cased. */
  from: string | null;
  to: string[];
  /** ISO 8601 (UTC). */
  date: string;
  subject: string;
  /** The plain-text body (an HTML-only email goes through the HTML → text path). */
  text: string;
}

/** Parses one RFC 822 message (`.eml`). InputError when it has no body or no valid Date. */
export async function parseEmailMessage(bytes: Uint8Array, name: string): Promise<EmailMessage> {
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(Buffer.from(bytes), {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipHtmlToText: true,
    });
  } catch (err) {
    throw new InputError(name, "not an email message (unreadable MIME)", null, { cause: err });
  }
  if (parsed.headers.size === 0) throw new InputError(name, "not an email message (no headers)");
  // mailparser puts the current time in place of a missing or unparsable Date: check the header itself
  const rawDate = parsed.headerLines.find((h) => h.key === "date")?.line.replace(/^date:\s*/i, "") ?? "";
  if (Number.isNaN(Date.parse(rawDate.replace(/\([^)]*\)/g, " ").trim())) || parsed.date == null) {
    throw new InputError(
      name,
      `email has no valid Date header${rawDate ? ` ("${rawDate.slice(0, 60)}")` : ""}`,
    );
  }
  const refs = parsed.references;
  const references = refs == null ? [] : Array.isArray(refs) ? refs : refs.split(/\s+/).filter(Boolean);
  return {
    messageId: parsed.messageId ?? null,
    inReplyTo: parsed.inReplyTo ?? null,
    references: keepReferences(references),
    from: addresses(parsed.from)[0] ?? null,
    to: addresses(parsed.to),
    date: parsed.date.toISOString(),
    subject: (parsed.subject ?? "").slice(0, MAX_SUBJECT_CHARS),
    text: emailBody(parsed.text, parsed.html),
  };
}

/** Subjects past this are cut (a ticket subject holds at most 1000 characters). */
const MAX_SUBJECT_CHARS = 1000;
/** References kept per message: the thread's root and the nearest ancestors are what threading needs. */
export const MAX_REFERENCES = 100;

/** RFC 5322 allows trimming References: keep the first (the root) and the newest ones. */
function keepReferences(refs: string[]): string[] {
  if (refs.length <= MAX_REFERENCES) return refs;
  return [refs[0] as string, ...refs.slice(refs.length - (MAX_REFERENCES - 1))];
}

function emailBody(text: string | undefined, html: string | false | undefined): string {
  if (text != null && text.trim() !== "") return normalizeNewlines(text).trim();
  if (html) return htmlToText(html);
  return "";
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (field == null) return [];
  const list = Array.isArray(field) ? field : [field];
  const out: string[] = [];
  for (const obj of list) {
    for (const a of obj.value) {
      if (a.address) out.push(a.address.toLowerCase());
      for (const member of a.group ?? []) if (member.address) out.push(member.address.toLowerCase());
    }
  }
  return out;
}

/** The body text of an `.eml` document. */
export async function emlToText(bytes: Uint8Array, name: string): Promise<string> {
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(Buffer.from(bytes), {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipHtmlToText: true,
    });
  } catch (err) {
    throw new InputError(name, "not an email message (unreadable MIME)", null, { cause: err });
  }
  return emailBody(parsed.text, parsed.html);
}
