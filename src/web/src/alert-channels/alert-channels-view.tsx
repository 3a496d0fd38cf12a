import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { del, errorText, get, patch, post } from "../api/client";
import type { Page, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages-en";
import type { ViewProps } from "../shell/app";
import { EmptyState, ErrorNote } from "../shell/notes";
import { Skeleton } from "../shell/skeleton";
import type { Channel } from "./channel-draft";
import { ChannelForm } from "./channel-form";
import "../watch/watch.css";

interface ChannelList {
  items: Channel[];
  allow: string[];
  kinds: string[];
}

interface AlertRow {
  id: string;
  subject: string;
  severity: "page" | "ticket";
  deliveries: {
    id: string;
    channel_id: string;
    event: "firing" | "escalated" | "resolved" | "test";
    status: "pending" | "sent" | "failed";
    attempts: number;
    next_attempt_at: string;
    last_error: string | null;
    sent_at: string | null;
  }[];
}

const STATUS_COLOR: Record<Channel["status"], string> = { new: "#51565e", ok: "#1b6e3f", failing: "#a3261f" };

/** Alert channels: list with status, create/edit (admin), send test (editor), the allow-list, recent deliveries. */
export function AlertChannelsView({ ws, canEdit, role }: ViewProps) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const isAdmin = role === "admin";
  const [editing, setEditing] = useState<Channel | "new" | null>(null);
  const [note, setNote] = useState<{ id: string; ok: boolean; text: string; detail?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const channels = useQuery({
    queryKey: ["alert-channels", ws],
    queryFn: () => get<ChannelList>(`/workspaces/${ws}/alert-channels`),
  });
  const alerts = useQuery({
    queryKey: ["alerts", ws],
    queryFn: () => get<{ items: AlertRow[] }>(`/workspaces/${ws}/alerts?limit=100`),
  });
  const vendors = useQuery({
    queryKey: ["vendors", ws],
    queryFn: () => get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=500`),
  });
  const vendorList = vendors.data?.items ?? [];
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["alert-channels", ws] });
    void qc.invalidateQueries({ queryKey: ["alerts", ws] });
  };
  const act = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const sendTest = (c: Channel) =>
    act(async () => {
      setNote(null);
      const r = await post<{ ok: boolean; detail: string }>(`/workspaces/${ws}/alert-channels/${c.id}/test`);
      setNote({
        id: c.id,
        ok: r.ok,
        text: t(r.ok ? "alerts.testOk" : "alerts.testFailed"),
        detail: r.detail,
      });
      refresh();
    });
  const setEnabled = (c: Channel, enabled: boolean) =>
    act(async () => {
      await patch(`/workspaces/${ws}/alert-channels/${c.id}`, { enabled });
      refresh();
    });
  const remove = (c: Channel) =>
    act(async () => {
      if (!window.confirm(t("alerts.confirmDelete", { name: c.name }))) return;
      await del(`/workspaces/${ws}/alert-channels/${c.id}`);
      refresh();
    });
  const list = channels.data?.items ?? [];
  const channelName = (id: string) => list.find((c) => c.id === id)?.name ?? id.slice(0, 8);
  const vendorName = (id: string) => vendorList.find((v) => v.id === id)?.name ?? id;
  const deliveries = (alerts.data?.items ?? [])
    .flatMap((a) => a.deliveries.map((d) => ({ ...d, subject: a.subject })))
    .sort((a, b) => b.next_attempt_at.localeCompare(a.next_attempt_at))
    .slice(0, 50);
  return (
    <div className="alert-channels-view">
      <h1>{t("alerts.title")}</h1>
      <p className="hint">{t("alerts.intro")}</p>
      {!isAdmin && canEdit && <p className="note info">{t("alerts.adminOnly")}</p>}
      {isAdmin && editing === null && (
        <button type="button" onClick={() => setEditing("new")}>
          {t("alerts.add")}
        </button>
      )}
      {editing !== null && (
        <ChannelForm
          key={editing === "new" ? "new" : editing.id}
          ws={ws}
          channel={editing === "new" ? null : editing}
          vendors={vendorList}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              setNote({ id: "", ok: true, text: t("alerts.saved") });
              refresh();
            }
          }}
        />
      )}
      <ErrorNote error={error ?? (channels.error ? errorText(channels.error) : null)} />
      {note?.id === "" && <p className="note ok">{note.text}</p>}
      <section aria-labelledby="channels-h">
        <h2 id="channels-h">{t("alerts.title")}</h2>
        {channels.isPending ? (
          <Skeleton lines={4} />
        ) : list.length === 0 ? (
          <EmptyState>{t("alerts.empty")}</EmptyState>
        ) : (
          <ul className="cards">
            {list.map((c) => (
              <li key={c.id} className="card-row">
                <div>
                  <strong>{c.name}</strong>{" "}
                  <span className="hint">{t(`alerts.kind.${c.kind}` as MessageKey)}</span>{" "}
                  <span className="badge" style={{ color: STATUS_COLOR[c.status], fontWeight: 600 }}>
                    ● {t(`alerts.status.${c.status}` as MessageKey)}
                  </span>{" "}
                  {!c.enabled && <span className="badge">{t("alerts.disabled")}</span>}
                  <div className="hint">
                    <code>{c.target}</code>
                  </div>
                  <div className="hint">
                    {c.severities
                      ? c.severities.map((s) => t(`alerts.severity.${s}` as MessageKey)).join(", ")
                      : t("alerts.allSeverities")}
                    {" · "}
                    {c.vendor_ids ? c.vendor_ids.map(vendorName).join(", ") : t("alerts.allVendors")}
                    {c.quiet && (
                      <>
                        {" · "}
                        {t("alerts.quietSummary", {
                          hours:
                            Object.values(
                              (c.quiet.calendar.hours as Record<string, string[]>) ?? {},
                            )[0]?.join(", ") ?? "",
                          tz: String(c.quiet.calendar.timezone ?? ""),
                        })}
                      </>
                    )}
                  </div>
                  <div className="hint">
                    {c.last_ok_at && t("alerts.lastOk", { at: formatDate(c.last_ok_at) })}{" "}
                    {c.last_attempt_at && t("alerts.lastAttempt", { at: formatDate(c.last_attempt_at) })}
                  </div>
                  {c.status === "failing" && c.last_error && (
                    <p className="note error">
                      <code>{c.last_error}</code>
                    </p>
                  )}
                  {note?.id === c.id && (
                    <p className={`note ${note.ok ? "ok" : "error"}`} aria-live="polite">
                      {note.text} {note.detail && <code>{note.detail}</code>}
                    </p>
                  )}
                </div>
                <div className="row">
                  {canEdit && (
                    <button type="button" onClick={() => void sendTest(c)}>
                      {t("alerts.test")}
                    </button>
                  )}
                  {isAdmin && (
                    <>
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={c.enabled}
                          onChange={(e) => void setEnabled(c, e.target.checked)}
                        />{" "}
                        {t("alerts.enabled")}
                      </label>
                      <button type="button" onClick={() => setEditing(c)}>
                        {t("alerts.edit")}
                      </button>
                      <button type="button" className="ghost" onClick={() => void remove(c)}>
                        {t("alerts.delete")}
                      </button>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="allow-h">
        <h2 id="allow-h">{t("alerts.allow")}</h2>
        <p className="hint">{t("alerts.allowHint")}</p>
        <p>
          <code>TERMSIGHT_ALERT_ALLOW</code>
        </p>
        {channels.data &&
          (channels.data.allow.length ? (
            <ul>
              {channels.data.allow.map((a) => (
                <li key={a}>
                  <code>{a}</code>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("alerts.allowNone")}</p>
          ))}
      </section>
      <section aria-labelledby="deliveries-h">
        <h2 id="deliveries-h">{t("alerts.deliveries")}</h2>
        {deliveries.length === 0 ? (
          <EmptyState>{t("alerts.noDeliveries")}</EmptyState>
        ) : (
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th scope="col">{t("alerts.alert")}</th>
                <th scope="col">{t("alerts.channel")}</th>
                <th scope="col">{t("alerts.event")}</th>
                <th scope="col">{t("alerts.deliveryStatus")}</th>
                <th scope="col">{t("alerts.attempts")}</th>
                <th scope="col">{t("alerts.nextRetry")}</th>
                <th scope="col">{t("alerts.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td data-label={t("alerts.alert")}>{d.subject}</td>
                  <td data-label={t("alerts.channel")}>{channelName(d.channel_id)}</td>
                  <td data-label={t("alerts.event")}>{t(`alerts.event.${d.event}` as MessageKey)}</td>
                  <td data-label={t("alerts.deliveryStatus")}>
                    {t(`alerts.delivery.${d.status}` as MessageKey)}
                  </td>
                  <td data-label={t("alerts.attempts")}>{d.attempts}</td>
                  <td data-label={t("alerts.nextRetry")}>
                    {d.status === "pending" ? formatDate(d.next_attempt_at) : "—"}
                  </td>
                  <td data-label={t("alerts.lastError")}>
                    {d.last_error ? <code>{d.last_error}</code> : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
