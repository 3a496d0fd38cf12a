/**
 * Whether `POST …/members {email, role}` answers in the same time for an email that has an account
 * and one that has none (an account-probing side channel). Interleaves the two kinds, reports
 * median and p90 per kind over in-process requests (`app.inject`, PGlite).
 * Run: npx tsx bench/invite-timing.ts [rounds=300]
 */
import { buildTestApp } from "../src/server/testing.js";

const rounds = Number(process.argv[2] ?? 300);
const t = await buildTestApp();
const existing: string[] = [];
for (let i = 0; i < rounds; i++) existing.push((await t.addUser("viewer", t.otherWs)).email);
const times: Record<"account" | "none", number[]> = { account: [], none: [] };
const invite = async (email: string) => {
  const start = performance.now();
  const res = await t.as(t.users.admin, {
    method: "POST",
    url: `/api/v1/workspaces/${t.ws}/members`,
    payload: { email, role: "viewer" },
  });
  if (res.statusCode !== 202) throw new Error(`${res.statusCode} ${res.body}`);
  return performance.now() - start;
};
for (let i = 0; i < 20; i++) await invite(`warmup${i}@none.test`);
for (let i = 0; i < rounds; i++) {
  const pair: ["account" | "none", string][] = [
    ["account", existing[i] as string],
    ["none", `nobody${i}@none.test`],
  ];
  if (i % 2) pair.reverse();
  for (const [kind, email] of pair) times[kind].push(await invite(email));
}
const q = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] as number;
for (const kind of ["account", "none"] as const)
  console.log(
    `${kind.padEnd(8)} n=${times[kind].length} median ${q(times[kind], 0.5).toFixed(2)} ms  p90 ${q(times[kind], 0.9).toFixed(2)} ms`,
  );
await t.close();
