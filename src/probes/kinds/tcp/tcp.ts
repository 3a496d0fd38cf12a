import net from "node:net";
import { z } from "zod";
import { ProbeFailure } from "../../probe-failure.js";
import { resolveGuarded } from "../../ssrf-guard.js";
import { type ProbeKind, roundMs, sinceStart } from "../kind.js";

/** `tcp://host:port` (or `host:port`). */
export function parseHostPort(text: string, defaultPort: number | null): { host: string; port: number } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `tcp://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ProbeFailure("target is not host:port");
  }
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : defaultPort;
  if (!url.hostname || !port) throw new ProbeFailure("target needs a host and a port (tcp://host:port)");
  return { host: url.hostname, port };
}

export const TcpConfig = z.object({
  url: z.string().min(1),
});
export type TcpConfig = z.infer<typeof TcpConfig>;

/** TCP connect time. */
export const tcp: ProbeKind<TcpConfig> = {
  name: "tcp",
  configSchema: TcpConfig,
  async run(config, ctx) {
    const { host, port } = parseHostPort(config.url, null);
    const target = await resolveGuarded(host, ctx.allow, { resolver: ctx.resolver, now: ctx.now });
    ctx.timings.dns = target.dnsMs === 0 ? null : roundMs(target.dnsMs);
    ctx.signal.throwIfAborted();
    const start = ctx.now();
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: target.address, port, family: target.family });
      const done = (err?: Error) => {
        ctx.signal.removeEventListener("abort", onAbort);
        socket.destroy();
        if (err) reject(err);
        else resolve();
      };
      const onAbort = () =>
        done(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error("aborted"));
      ctx.signal.addEventListener("abort", onAbort, { once: true });
      socket.once("connect", () => {
        ctx.timings.connect = roundMs(ctx.now() - start);
        done();
      });
      socket.once("error", done);
    });
    ctx.timings.total = sinceStart(ctx);
    return { ok: true, status: null, error: null };
  },
};
