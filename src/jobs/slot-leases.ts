import { createHash, randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { type Kysely, sql } from "kysely";

/** One round of one key (a probe) in one region: the unit a server leases. */
export interface SlotClaim {
  key: string;
  slot: Date;
}

export interface SlotLeasesOptions {
  // biome-ignore lint/suspicious/noExplicitAny: the lease tables are reached with plain SQL
  db: Kysely<any>;
  region: string;
  serverId?: string;
  /** How often this server says it is alive (default 10 s); a server silent for 3 beats is gone. */
  heartbeatMs?: number;
  /** How far back an open claim of a dead server is still taken over (default 10 minutes). */
  takeoverWindowMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * Leases rounds per (key, region, slot) in probe_round_claims, so N servers share the probes with
 * each round run exactly once: the primary key makes a claim exactly-once (INSERT … ON CONFLICT
 * DO NOTHING), the claim is marked done in the transaction that stores its sample, and an open
 * claim whose lease ran out (its holder died) is taken over FOR UPDATE SKIP LOCKED by one other
 * server. Live servers (job_servers heartbeats) split the keys by hash, so each round is first
 * tried by one server; the others try it after a grace period, which is what keeps a dead
 * server's rounds running before its heartbeat has even expired. Lease times use the database's
 * clock; slot ids use each server's clock, so servers must keep NTP time.
 */
export class SlotLeases {
  readonly serverId: string;
  private readonly db: SlotLeasesOptions["db"];
  private readonly region: string;
  private readonly heartbeatMs: number;
  private readonly takeoverWindowMs: number;
  private live: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pending: { claim: SlotClaim; leaseMs: number; resolve: (won: boolean) => void }[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: SlotLeasesOptions) {
    this.db = opts.db;
    this.region = opts.region;
    this.serverId = opts.serverId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.heartbeatMs = opts.heartbeatMs ?? 10_000;
    this.takeoverWindowMs = opts.takeoverWindowMs ?? 10 * 60_000;
    this.live = [this.serverId];
  }

  /** Registers this server and starts its heartbeat. */
  async start(): Promise<void> {
    await this.heartbeat();
    this.timer = setInterval(() => {
      this.heartbeat().catch((err) => this.opts.onError?.(err));
    }, this.heartbeatMs);
    this.timer.unref();
  }

  /** Says this server is alive and re-reads the live servers (also every heartbeatMs). */
  async heartbeat(): Promise<void> {
    if (this.stopped) return;
    await sql`insert into job_servers (id, host, pid) values (${this.serverId}, ${hostname()}, ${process.pid})
      on conflict (id) do update set heartbeat_at = now()`.execute(this.db);
    const silentAfter = `${Math.round((3 * this.heartbeatMs) / 1000)} seconds`;
    const { rows } = await sql<{ id: string }>`select id from job_servers
      where heartbeat_at > now() - ${silentAfter}::interval order by id`.execute(this.db);
    const ids = rows.map((r) => r.id);
    if (!ids.includes(this.serverId)) ids.push(this.serverId);
    this.live = ids.sort();
    // servers gone for a day are forgotten (their claims stay until retention)
    await sql`delete from job_servers where heartbeat_at < now() - interval '1 day'`.execute(this.db);
  }

  /** The live servers, sorted (this one included). */
  liveServers(): readonly string[] {
    return this.live;
  }

  /** Whether this server is the first to try `key`'s rounds (keys are split by hash among live servers). */
  isFirstChoice(key: string): boolean {
    if (this.live.length <= 1) return true;
    return this.live[hashOf(key) % this.live.length] === this.serverId;
  }

  /** Claims one round; resolves true if this server won it. Claims are written in batches. */
  claim(claim: SlotClaim, leaseMs: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.pending.push({ claim, leaseMs, resolve });
      if (this.pending.length >= 200) void this.flushClaims();
      else this.flushTimer ??= setTimeout(() => void this.flushClaims(), 20);
    });
  }

  private async flushClaims(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      const { rows } = await sql<{ probe_id: string; slot: Date }>`
        insert into probe_round_claims (probe_id, region, slot, holder, lease_until)
        select k, ${this.region}, s, ${this.serverId}, now() + l * interval '1 millisecond'
        from unnest(${batch.map((b) => b.claim.key)}::text[], ${batch.map((b) => b.claim.slot.toISOString())}::timestamptz[],
          ${batch.map((b) => b.leaseMs)}::integer[]) as t(k, s, l)
        on conflict do nothing
        returning probe_id, slot`.execute(this.db);
      const won = new Set(rows.map((r) => `${r.probe_id}@${new Date(r.slot).getTime()}`));
      for (const b of batch) b.resolve(won.has(`${b.claim.key}@${b.claim.slot.getTime()}`));
    } catch (err) {
      // unknown outcome: run nothing (a claim that did land is taken over when its lease runs out)
      this.opts.onError?.(err);
      for (const b of batch) b.resolve(false);
    }
  }

  /** Marks claims done; call it in the transaction that stores their results. */
  // biome-ignore lint/suspicious/noExplicitAny: any Kysely transaction of the store
  async markDone(trx: Kysely<any>, claims: readonly SlotClaim[]): Promise<void> {
    if (claims.length === 0) return;
    await sql`update probe_round_claims c set done_at = now()
      from unnest(${claims.map((c) => c.key)}::text[], ${claims.map((c) => c.slot.toISOString())}::timestamptz[]) as t(k, s)
      where c.probe_id = t.k and c.region = ${this.region} and c.slot = t.s and c.done_at is null`.execute(
      trx,
    );
  }

  /**
   * Takes over open claims of this region whose lease ran out (their holder died or gave them
   * back), each by one server; resolves with the rounds this server must now run.
   */
  async takeOver(leaseMs: number, limit = 200): Promise<SlotClaim[]> {
    if (this.stopped) return [];
    const window = `${Math.round(this.takeoverWindowMs / 1000)} seconds`;
    const { rows } = await sql<{ probe_id: string; slot: Date }>`
      update probe_round_claims c set holder = ${this.serverId}, lease_until = now() + ${leaseMs} * interval '1 millisecond'
      from (
        select probe_id, region, slot from probe_round_claims
        where region = ${this.region} and done_at is null and lease_until < now()
          and slot > now() - ${window}::interval
        order by slot limit ${limit}
        for update skip locked
      ) o
      where c.probe_id = o.probe_id and c.region = o.region and c.slot = o.slot
      returning c.probe_id, c.slot`.execute(this.db);
    return rows.map((r) => ({ key: r.probe_id, slot: new Date(r.slot) }));
  }

  /** Gives back this server's open claims at once (it is stopping), so another server takes them over. */
  async releaseOpen(): Promise<void> {
    await sql`update probe_round_claims set lease_until = now()
      where holder = ${this.serverId} and region = ${this.region} and done_at is null`.execute(this.db);
  }

  /** Stops the heartbeat and removes this server from the live list (its claims stay). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    await this.flushClaims();
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await sql`delete from job_servers where id = ${this.serverId}`.execute(this.db);
  }
}

function hashOf(key: string): number {
  return createHash("sha1").update(key).digest().readUInt32BE(0);
}

/** A key's phase within an interval (ms): the same on every server, spread evenly over keys. */
export function phaseOfKey(key: string, intervalMs: number): number {
  return hashOf(`phase:${key}`) % intervalMs;
}
