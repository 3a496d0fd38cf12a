import { z } from "zod";

const Wording = z.object({
  title: z.string().min(1).max(300),
  text: z.string().max(4000),
  fields: z
    .array(z.tuple([z.string().max(200), z.string().max(2000)]))
    .max(20)
    .default([]),
});
export type AlertWording = z.infer<typeof Wording>;

/**
 * What a rule (or another domain, e.g. a watcher of vendor terms) raises: one condition of one
 * subject, worded in both workspace languages. Documented in src/alerts/README.md.
 */
export const AlertEvent = z.object({
  /** Deduplication key: one open alert per key and workspace (`probe:<id>`, `ticket-sla:<id>`, …). */
  key: z.string().min(1).max(300),
  /** Which rule or domain raised it (`probe-regions`, `ticket-sla`, `terms-change`, …). */
  rule: z.string().regex(/^[a-z0-9-]{1,64}$/),
  status: z.enum(["firing", "resolved"]),
  severity: z.enum(["page", "ticket"]),
  /** Escalation level: a firing alert notifies again when the level rises (e.g. 1 = 75 %, 2 = breached). */
  level: z.number().int().min(1).max(9).default(1),
  vendor_id: z.string().nullable().default(null),
  /** What the alert is about, for lists (probe name, ticket subject). */
  subject: z.string().min(1).max(300),
  message: z.object({ en: Wording, zh: Wording }),
  /** Path of the evidence page in the web UI (`/probes/<id>`), joined to the workspace's public URL. */
  path: z.string().startsWith("/").max(500).nullable().default(null),
});
export type AlertEvent = z.infer<typeof AlertEvent>;
export type AlertEventInput = z.input<typeof AlertEvent>;
