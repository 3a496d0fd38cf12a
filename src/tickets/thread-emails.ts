import type { ImportRow } from "./import-row.js";
import type { TicketEventRecord } from "./ticket-event.js";

/** The parts of an email a ticket needs (the shape `parseEmailMessage` in src/ingest returns). */
export interface ThreadEmail {
  /** The file it came from, for messages. */
  name: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: string | null;
  date: string;
  subject: string;
  text: string;
  /** Used as the id when the message has no Message-ID (e.g. `sha256:…` of the file). */
  fallbackId: string;
}

export interface ThreadOptions {
  /** Mail from these domains (or their subdomains) is the vendor's: `agent_reply`. */
  vendorDomains: string[];
  /** Severity of a new ticket when the subject names none ([P1], SEV2, …). */
  severity: string;
}

const SEVERITY_IN_SUBJECT = /\b(P[0-4]|SEV[0-4]|S[1-4])\b/i;
const MAX_BODY = 100_000;

/** `<a@b>` → `a@b`. */
export function normalizeMessageId(id: string | null | undefined): string | null {
  if (!id) return null;
  const trimmed = id.trim().replace(/^<+/, "").replace(/>+$/, "").trim();
  return trimmed === "" ? null : trimmed;
}

function isVendor(from: string | null, domains: string[]): boolean {
  if (!from) return false;
  const domain = from.slice(from.lastIndexOf("@") + 1).toLowerCase();
  return domains.some((d) => {
    const v = d.toLowerCase().replace(/^@/, "");
    return domain === v || domain.endsWith(`.${v}`);
  });
}

function severityOf(subject: string, fallback: string): string {
  const m = SEVERITY_IN_SUBJECT.exec(subject);
  return m ? m[1].toUpperCase() : fallback;
}

/**
 * Groups emails into threads (replies matched by Message-ID, In-Reply-To and References) and
 * turns each thread into ticket rows: the earliest message creates the ticket, later ones are
 * `agent_reply` (from the vendor's domain) or `customer_reply`. A thread whose first message replies
 * to mail not in this import carries `attach_refs`, so it can join a ticket imported earlier.
 */
export function threadEmails(emails: ThreadEmail[], opts: ThreadOptions): ImportRow[] {
  const byId = new Map<string, number>();
  const unique: { email: ThreadEmail; id: string; ordinal: number }[] = [];
  emails.forEach((email, ordinal) => {
    const id = normalizeMessageId(email.messageId) ?? email.fallbackId;
    if (byId.has(id)) return; // the same message twice: idempotent
    byId.set(id, unique.length);
    unique.push({ email, id, ordinal });
  });

  // Union-find over "replies to" links inside this import.
  const parent = unique.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const refsOf = (e: ThreadEmail) =>
    [normalizeMessageId(e.inReplyTo), ...e.references.map(normalizeMessageId)].filter(
      (r): r is string => r != null,
    );
  unique.forEach((u, i) => {
    for (const ref of refsOf(u.email)) {
      const j = byId.get(ref);
      if (j !== undefined && j !== i) parent[find(i)] = find(j);
    }
  });

  const groups = new Map<number, number[]>();
  unique.forEach((_, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(i);
    groups.set(root, list);
  });

  const time = (i: number) => Date.parse(unique[i].email.date);
  const threads = [...groups.values()].map((members) => members.sort((a, b) => time(a) - time(b) || a - b));
  threads.sort((a, b) => time(a[0]) - time(b[0]) || a[0] - b[0]);
  const rows: ImportRow[] = [];
  for (const members of threads) {
    const first = unique[members[0]];
    const severity = severityOf(first.email.subject, opts.severity);
    const outside = [...new Set(members.flatMap((i) => refsOf(unique[i].email)).filter((r) => !byId.has(r)))];
    members.forEach((i, k) => {
      const { email, id, ordinal } = unique[i];
      const at = new Date(email.date).toISOString();
      const event: TicketEventRecord = {
        type:
          k === 0 ? "created" : isVendor(email.from, opts.vendorDomains) ? "agent_reply" : "customer_reply",
        at,
        severity: k === 0 ? severity : null,
        status: null,
        author: email.from,
        body: email.text.slice(0, MAX_BODY),
        source_key: id,
      };
      rows.push({
        line: ordinal + 1,
        external_id: first.id,
        declare: k === 0 ? { subject: first.email.subject, severity, created_at: at } : null,
        events: [event],
        // Every row of such a thread carries the refs, so a later batch still finds the ticket.
        ...(outside.length > 0 ? { attach_refs: outside } : {}),
        ...(k === 0 && outside.length > 0
          ? {
              attach_type: isVendor(email.from, opts.vendorDomains)
                ? ("agent_reply" as const)
                : ("customer_reply" as const),
            }
          : {}),
      });
    });
  }
  return rows;
}
