export type Health = "up" | "degraded" | "down" | "no_data";

export interface Heartbeat {
  at: string;
  status: Health;
  count: number;
  fail: number;
}

export const HEALTH_COLOR: Record<Health, string> = {
  up: "#2e9d5b",
  degraded: "#e0a100",
  down: "#d64545",
  no_data: "#c8ccd2",
};

/** One bar per minute, as in Uptime Kuma: green up, amber degraded, red down, grey no data. */
export function HeartbeatStrip({
  beats,
  label,
  height = 24,
}: {
  beats: Heartbeat[];
  label: string;
  height?: number;
}) {
  return (
    <div role="img" aria-label={label} style={{ display: "flex", gap: 2, alignItems: "stretch", height }}>
      {beats.map((b) => (
        <span
          key={b.at}
          title={`${b.at} · ${b.count - b.fail}/${b.count}`}
          style={{ flex: 1, minWidth: 1, borderRadius: 2, background: HEALTH_COLOR[b.status] }}
        />
      ))}
    </div>
  );
}
