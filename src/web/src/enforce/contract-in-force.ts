import type { ContractRow } from "../api/types";

/**
 * The contract whose terms time a ticket, by the server's rule (src/tickets findVendorContract):
 * the vendor's contract whose validity covers the day the ticket opened, most recently updated first.
 */
export function contractInForce(
  contracts: (ContractRow & { updated_at?: string })[],
  vendorId: string | null,
  at: string,
): ContractRow | null {
  if (!vendorId) return null;
  const day = at.slice(0, 10);
  const candidates = contracts
    .filter((c) => c.vendor_id === vendorId)
    .filter((c) => (!c.valid_from || c.valid_from <= day) && (!c.valid_to || c.valid_to >= day))
    .sort((a, b) => (b.updated_at ?? "").localeCompare(a.updated_at ?? ""));
  return candidates[0] ?? null;
}
