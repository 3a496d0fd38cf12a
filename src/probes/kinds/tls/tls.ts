import tlsLib from "node:tls";
import { z } from "zod";
import { resolveGuarded } from "../../ssrf-guard.js";
import { type ProbeKind, roundMs, sinceStart } from "../kind.js";
import { parseHostPort } from "../tcp/tcp.js";

export const TlsConfig = z.object({
  url: z.string().min(1),
  /** Fail when the certificate expires within this many days. */
  min_days_left: z.number().min(0).default(14),
  /** Accept a certificate the system does not trust (still reports expiry). */
  insecure: z.boolean().default(false),
});
export type TlsConfig = z.infer<typeof TlsConfig>;

const DAY_MS = 86_400_000;

/** Days left on a certificate at `now`, one decimal. Pure, for tests. */
export function certificateDaysLeft(validTo: string, now: Date): number {
  return Math.floor(((Date.parse(validTo) - now.getTime()) / DAY_MS) * 10) / 10;
}

/** TLS handshake time and certificate expiry. */
export const tls: ProbeKind<TlsConfig> = {
  name: "tls",
  configSchema: TlsConfig,
  async run(config, ctx) {
    const { host, port } = parseHostPort(config.url, 443);
    const target = await resolveGuarded(host, ctx.allow, { resolver: ctx.resolver, now: ctx.now });
    ctx.timings.dns = target.dnsMs === 0 ? null : roundMs(target.dnsMs);
    ctx.signal.throwIfAborted();
    const servername = target.address === host ? undefined : host;
    const start = ctx.now();
    const result = await new Promise<{ validTo: string; authorized: boolean; authError: string | null }>(
      (resolve, reject) => {
        const socket = tlsLib.connect({ host: target.address, port, servername, rejectUnauthorized: false });
        const done = (value: Error | { validTo: string; authorized: boolean; authError: string | null }) => {
          ctx.signal.removeEventListener("abort", onAbort);
          socket.destroy();
          if (value instanceof Error) reject(value);
          else resolve(value);
        };
        const onAbort = () =>
          done(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error("aborted"));
        ctx.signal.addEventListener("abort", onAbort, { once: true });
        socket.once("connect", () => {
          ctx.timings.connect = roundMs(ctx.now() - start);
        });
        socket.once("secureConnect", () => {
          ctx.timings.tls = roundMs(ctx.now() - start - (ctx.timings.connect ?? 0));
          const cert = socket.getPeerCertificate();
          const authError = socket.authorizationError ? String(socket.authorizationError) : null;
          done({ validTo: cert?.valid_to ?? "", authorized: socket.authorized, authError });
        });
        socket.once("error", (err) => done(err));
      },
    );
    ctx.timings.total = sinceStart(ctx);
    if (!result.validTo) return { ok: false, status: null, error: "tls: no peer certificate" };
    const daysLeft = certificateDaysLeft(result.validTo, new Date());
    ctx.metrics.cert_days_left = daysLeft;
    if (daysLeft <= 0)
      return { ok: false, status: null, error: `tls: certificate expired ${-daysLeft} days ago` };
    if (!result.authorized && !config.insecure)
      return { ok: false, status: null, error: `tls: ${result.authError?.toLowerCase()}` };
    if (daysLeft < config.min_days_left) {
      return {
        ok: false,
        status: null,
        error: `tls: certificate expires in ${daysLeft} days (minimum ${config.min_days_left})`,
      };
    }
    return { ok: true, status: null, error: null };
  },
};
