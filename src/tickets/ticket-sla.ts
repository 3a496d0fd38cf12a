import { loadPolicy, replayTimeline, type SlaPolicy, type TicketTimeline } from "../clock/index.js";
import { InputError, isTermsightError } from "../errors/index.js";
import {
  type ContractCommitments,
  type ContractRow,
  listVendorContracts,
  pickContractInForce,
} from "./contract-terms.js";
import { type SlaSummary, summarizeSla } from "./sla-summary.js";
import type { Db } from "./ticket-context.js";
import type { TicketEventRecord } from "./ticket-event.js";

/** Where a ticket's SLA policy came from. */
export interface ResolvedPolicy {
  policy: SlaPolicy;
  source: "ticket" | "contract";
  contract_id: string | null;
}

export interface TicketSla {
  policy_source: "ticket" | "contract" | null;
  contract_id: string | null;
  /** Why no SLA could be computed (bad policy, unknown severity…); null when fine or simply no policy. */
  policy_error: string | null;
  sla: SlaSummary | null;
  timeline: TicketTimeline | null;
}

const compiled = new Map<string, SlaPolicy>();

/** Compiles a policy object once (calendars included); small cache keyed by its JSON. */
export function compilePolicy(section: unknown, name: string): SlaPolicy {
  const text = JSON.stringify(section);
  let policy = compiled.get(text);
  if (!policy) {
    policy = loadPolicy(text, name);
    if (compiled.size > 256) compiled.clear();
    compiled.set(text, policy);
  }
  return policy;
}

/** Finds each ticket's policy: one stored on the ticket, else the vendor contract's `sla_policy`. Cached per instance. */
export class PolicyResolver {
  private readonly byVendor = new Map<string, Promise<ContractRow[]>>();
  private readonly byDay = new Map<string, ResolvedPolicy | string | null>();
  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
  ) {}

  /** The policy, a string saying why it is unusable, or null when there is none. */
  async resolve(ticket: {
    id: string;
    vendor_id: string | null;
    policy: unknown;
    opened_at: Date | string;
  }): Promise<ResolvedPolicy | string | null> {
    if (ticket.policy != null) {
      try {
        return {
          policy: compilePolicy(ticket.policy, `ticket ${ticket.id} policy`),
          source: "ticket",
          contract_id: null,
        };
      } catch (err) {
        return isTermsightError(err) ? err.message : String(err);
      }
    }
    if (!ticket.vendor_id) return null;
    const at = new Date(ticket.opened_at);
    const key = `${ticket.vendor_id}@${at.toISOString().slice(0, 10)}`;
    if (this.byDay.has(key)) return this.byDay.get(key) ?? null;
    let rows = this.byVendor.get(ticket.vendor_id);
    if (!rows) {
      rows = listVendorContracts(this.db, this.workspaceId, ticket.vendor_id);
      this.byVendor.set(ticket.vendor_id, rows);
    }
    const resolved = this.fromContract(pickContractInForce(await rows, at));
    this.byDay.set(key, resolved);
    return resolved;
  }

  private fromContract(contract: ContractCommitments | null): ResolvedPolicy | string | null {
    if (!contract || contract.slaPolicy == null) return null;
    try {
      const policy = compilePolicy(contract.slaPolicy, `contract ${contract.contractName} sla_policy`);
      return { policy, source: "contract", contract_id: contract.contractId };
    } catch (err) {
      return isTermsightError(err) ? err.message : String(err);
    }
  }
}

/** Replays a ticket's events under its policy as of `now`. */
export function computeTicketSla(
  resolved: ResolvedPolicy | string | null,
  events: TicketEventRecord[],
  now: Date,
): TicketSla {
  if (resolved == null)
    return { policy_source: null, contract_id: null, policy_error: null, sla: null, timeline: null };
  if (typeof resolved === "string") {
    return { policy_source: null, contract_id: null, policy_error: resolved, sla: null, timeline: null };
  }
  const base = { policy_source: resolved.source, contract_id: resolved.contract_id };
  try {
    const timeline = replayTimeline({
      policy: resolved.policy,
      // The state as of `now`: events stamped later (clock skew, imports) are not replayed yet.
      events: events
        .filter((e) => Date.parse(e.at) <= now.getTime())
        .map((e) => ({
          type: e.type,
          at: e.at,
          ...(e.severity ? { severity: e.severity } : {}),
          ...(e.status ? { status: e.status } : {}),
        })),
      now,
    });
    return { ...base, policy_error: null, sla: summarizeSla(timeline, now), timeline };
  } catch (err) {
    const message = isTermsightError(err) ? err.message : String(err);
    return { ...base, policy_error: message, sla: null, timeline: null };
  }
}

/** Rejects a severity the ticket's policy does not define (400 naming the field). */
export function requireKnownSeverities(
  resolved: ResolvedPolicy | string | null,
  events: TicketEventRecord[],
  field: (index: number) => string,
): void {
  if (resolved == null || typeof resolved === "string") return;
  const known = Object.keys(resolved.policy.severities);
  events.forEach((e, i) => {
    if (
      e.severity &&
      (e.type === "created" || e.type === "severity_changed") &&
      !known.includes(e.severity)
    ) {
      throw new InputError(
        field(i),
        `unknown severity "${e.severity}" (the ${resolved.source} policy defines: ${known.join(", ")})`,
      );
    }
  });
}

/** How far in the future an event may be stamped (client clock skew). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function requireNotFuture(
  events: TicketEventRecord[],
  now: Date,
  field: (index: number) => string,
): void {
  events.forEach((e, i) => {
    if (Date.parse(e.at) > now.getTime() + MAX_CLOCK_SKEW_MS)
      throw new InputError(field(i), `${e.at} is in the future`);
  });
}
