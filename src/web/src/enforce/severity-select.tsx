import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { get } from "../api/client";
import type { ContractRow, Page } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { contractInForce } from "./contract-in-force";
import { policySeverities } from "./policy-severities";

/**
 * The SLA policy that would time a new ticket of a vendor opened now (the contract in force), and
 * its severities; empty when no policy applies.
 */
export function usePolicySeverities(ws: string, vendorId: string | null) {
  const contracts = useQuery({
    queryKey: ["contracts", ws],
    queryFn: () => get<Page<ContractRow>>(`/workspaces/${ws}/contracts?limit=200`),
  });
  const contract = contracts.data
    ? contractInForce(contracts.data.items, vendorId, new Date().toISOString())
    : null;
  const terms = useQuery({
    queryKey: ["contract", ws, contract?.id, contract?.version],
    queryFn: () => get<{ terms: unknown }>(`/workspaces/${ws}/contracts/${contract?.id}`),
    enabled: contract != null,
  });
  return {
    contract,
    severities: contract && terms.data ? policySeverities(terms.data.terms) : [],
    pending: contracts.isPending || (contract != null && terms.isPending),
  };
}

interface Props {
  ws: string;
  vendorId: string | null;
  id: string;
  label: string;
  value: string;
  onChange: (severity: string) => void;
  /** The first option when the field may stay empty (e.g. "as in the file"); absent = a severity is required. */
  emptyLabel?: string;
}

/**
 * A ticket severity chosen from the SLA policy of the vendor's contract in force (a select, not
 * free text). Without a policy any severity is accepted, so the field is a text input then.
 */
export function SeveritySelect({ ws, vendorId, id, label, value, onChange, emptyLabel }: Props) {
  const { t } = useI18n();
  const { contract, severities, pending } = usePolicySeverities(ws, vendorId);
  const hintId = `${id}-hint`;
  const listed = severities.length > 0;
  // a severity the newly chosen vendor's policy does not define is replaced by its first one
  useEffect(() => {
    if (!listed || severities.includes(value)) return;
    if (emptyLabel !== undefined && value === "") return;
    onChange(emptyLabel !== undefined ? "" : severities[0]);
  }, [listed, severities, value, onChange, emptyLabel]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {listed ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hintId}>
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {severities.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          value={value}
          required={emptyLabel === undefined}
          placeholder={emptyLabel}
          size={6}
          maxLength={32}
          disabled={pending}
          aria-describedby={hintId}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <span id={hintId} className="hint" data-testid={`${id}-hint`}>
        {listed && contract
          ? t("tickets.severityHint", { name: contract.name })
          : pending
            ? ""
            : t("tickets.severityNoPolicy")}
      </span>
    </div>
  );
}
