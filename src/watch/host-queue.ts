/**
 * One request at a time per host: tasks for the same host run in order, different hosts in
 * parallel up to `maxHosts`. A politeness rule for vendors' sites, not a rate limiter.
 */
export async function runPerHost<T>(
  items: readonly T[],
  hostOf: (item: T) => string,
  run: (item: T) => Promise<void>,
  maxHosts = 8,
): Promise<void> {
  const byHost = new Map<string, T[]>();
  for (const item of items) {
    const host = hostOf(item);
    const list = byHost.get(host);
    if (list) list.push(item);
    else byHost.set(host, [item]);
  }
  const queues = [...byHost.values()];
  let next = 0;
  const worker = async () => {
    while (next < queues.length) {
      const queue = queues[next++];
      for (const item of queue) await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(maxHosts, queues.length) }, worker));
}

export function hostOfUrl(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
