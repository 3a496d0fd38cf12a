/** An incident or scheduled maintenance as a vendor's status source declares it (vendor's own text). */
export interface StatusEvent {
  externalId: string;
  kind: "incident" | "maintenance";
  title: string;
  /** The vendor's updates, newest first, as written. */
  body: string;
  status: string | null;
  impact: string | null;
  /** Vendor component names. */
  components: string[];
  startedAt: Date | null;
  resolvedAt: Date | null;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  /** When the vendor published it (its created_at / pubDate). */
  declaredAt: Date | null;
}

/** A source that could not be read: never an outage, only a state of the source. */
export class SourceUnreadable extends Error {}

export function dateOrNull(value: unknown): Date | null {
  if (typeof value !== "string" || !value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t);
}
