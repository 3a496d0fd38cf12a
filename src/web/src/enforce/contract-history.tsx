import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { errorText, get } from "../api/client";
import { useI18n } from "../i18n/i18n";
import { ErrorNote } from "../shell/notes";
import { Skeleton } from "../shell/skeleton";
import { countChanges, diffRows, withContext } from "./contract-diff";
import "./contract-history.css";

interface VersionRow {
  version: number;
  name: string;
  created_at: string;
  created_by_name: string | null;
}
interface VersionWithYaml extends VersionRow {
  yaml: string;
}

/** A contract's saved versions and the line diff between two of them (the previous and the latest by default). */
export default function ContractHistory({
  ws,
  contractId,
  version,
}: {
  ws: string;
  contractId: string;
  /** The contract's current version: a save refreshes the list. */
  version: number;
}) {
  const { t, formatDate } = useI18n();
  const base = `/workspaces/${ws}/contracts/${contractId}/versions`;
  const versions = useQuery({
    queryKey: ["contract-versions", ws, contractId, version],
    queryFn: () => get<{ items: VersionRow[] }>(base),
  });
  const items = versions.data?.items ?? [];
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);
  const to = picked?.to ?? items[0]?.version ?? null;
  const from = picked?.from ?? items[1]?.version ?? null;
  const older = useQuery({
    queryKey: ["contract-version", ws, contractId, from],
    queryFn: () => get<VersionWithYaml>(`${base}/${from}`),
    enabled: from !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const newer = useQuery({
    queryKey: ["contract-version", ws, contractId, to],
    queryFn: () => get<VersionWithYaml>(`${base}/${to}`),
    enabled: to !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const rows = useMemo(
    () => (older.data && newer.data ? diffRows(older.data.yaml, newer.data.yaml) : null),
    [older.data, newer.data],
  );
  const error = versions.error ?? older.error ?? newer.error;
  if (versions.isPending) return <Skeleton lines={3} />;
  const label = (v: VersionRow) =>
    t("contracts.versionBy", {
      version: v.version,
      date: formatDate(v.created_at),
      who: v.created_by_name ?? t("contracts.someone"),
    });
  const changes = rows ? countChanges(rows) : null;
  return (
    <section className="contract-history" aria-labelledby="history-title" data-testid="contract-history">
      <h2 id="history-title">{t("contracts.history")}</h2>
      <ErrorNote error={error ? errorText(error) : null} />
      <ol className="versions">
        {items.map((v) => (
          <li key={v.version}>{label(v)}</li>
        ))}
      </ol>
      {items.length > 1 && from !== null && to !== null && (
        <>
          <div className="row">
            <div className="field">
              <label htmlFor="diff-from">{t("contracts.diffFrom")}</label>
              <select
                id="diff-from"
                value={from}
                onChange={(e) => setPicked({ from: Number(e.target.value), to })}
              >
                {items.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="diff-to">{t("contracts.diffTo")}</label>
              <select
                id="diff-to"
                value={to}
                onChange={(e) => setPicked({ from, to: Number(e.target.value) })}
              >
                {items.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <h3>{t("contracts.diffTitle", { from, to })}</h3>
          {!rows ? (
            <Skeleton lines={4} />
          ) : changes && changes.added + changes.removed === 0 ? (
            <p className="hint">{t("contracts.noChanges")}</p>
          ) : (
            <>
              <p className="hint" data-testid="diff-summary">
                {t("contracts.diffSummary", { added: changes?.added ?? 0, removed: changes?.removed ?? 0 })}
              </p>
              <table className="diff" data-testid="contract-diff">
                <tbody>
                  {withContext(rows).map((r, i) =>
                    "gap" in r ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows of one diff, in order
                      <tr key={i} className="gap">
                        <td colSpan={3}>⋯</td>
                      </tr>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows of one diff, in order
                      <tr key={i} className={r.kind}>
                        <td className="ln">{r.oldLine ?? ""}</td>
                        <td className="ln">{r.newLine ?? ""}</td>
                        <td>
                          {r.kind !== "same" && (
                            <span className="sr-only">
                              {t(r.kind === "added" ? "contracts.lineAdded" : "contracts.lineRemoved")}:{" "}
                            </span>
                          )}
                          <span aria-hidden="true" className="sign">
                            {r.kind === "added" ? "+" : r.kind === "removed" ? "−" : " "}
                          </span>
                          <code>{r.text}</code>
                        </td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  );
}
