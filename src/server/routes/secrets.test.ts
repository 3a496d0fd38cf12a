import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertProbe } from "../../probes/index.js";
import type { Store } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { buildTestApp, type TestApp } from "../testing.js";

/** `${scope:NAME}` built from parts, so it is not mistaken for a template placeholder. */
const ph = (scope: string, name: string) => ["$", `{${scope}:${name}}`].join("");

/** A loopback target that records every request it receives (url, headers, body). */
interface Recorder {
  url: string;
  received: string[];
  close(): Promise<void>;
}
async function startRecorder(): Promise<Recorder> {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push(JSON.stringify({ url: req.url, headers: req.headers, body }));
      res.end("ok");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

const LEAKED = `leak-${randomBytes(8).toString("hex")}`;
const ALLOWED = `allowed-${randomBytes(8).toString("hex")}`;
const STORED = `stored-${randomBytes(8).toString("hex")}`;
const envBefore = { ...process.env };

describe.each(storeBackends())("probe secrets and env placeholders on $name", ({ open }) => {
  let store: Store;
  let t: TestApp;
  let off: TestApp;
  let target: Recorder;
  const base = () => `/api/v1/workspaces/${t.ws}`;
  const received = () => target.received.join("\n");

  beforeAll(async () => {
    process.env.TS_TEST_SECRET_API_KEY = LEAKED;
    process.env.TS_TEST_ALLOWED_KEY = ALLOWED;
    process.env.TERMSIGHT_PROBE_ALLOW = "127.0.0.1";
    store = await open();
    target = await startRecorder();
    t = await buildTestApp({
      store,
      secretKey: randomBytes(32),
      probePolicy: { allowedEnv: new Set(["TS_TEST_ALLOWED_KEY"]), maxBodyBytes: 64 * 1024 },
    });
    off = await buildTestApp({ store, secretKey: null });
  });
  afterAll(async () => {
    await t.close();
    await off.close();
    await store.close();
    await target.close();
    for (const k of ["TS_TEST_SECRET_API_KEY", "TS_TEST_ALLOWED_KEY", "TERMSIGHT_PROBE_ALLOW"])
      if (envBefore[k] === undefined) delete process.env[k];
      else process.env[k] = envBefore[k];
  });

  const createProbe = (payload: Record<string, unknown>) =>
    t.as(t.users.editor, { method: "POST", url: `${base()}/probes`, payload });
  const runNow = (id: string) => t.as(t.users.editor, { method: "POST", url: `${base()}/probes/${id}/run` });

  it("refuses a probe naming the server's environment, with the same words whether the variable exists or not", async () => {
    const leak = await createProbe({
      url: `${target.url}/leak/${ph("env", "TS_TEST_SECRET_API_KEY")}`,
      config: { headers: { "x-leak": ph("env", "PATH") } },
    });
    expect(leak.statusCode).toBe(400);
    expect(leak.json().detail).toMatch(/^body: url: .* is not an allowed placeholder/);
    const missing = await createProbe({ url: `${target.url}/leak/${ph("env", "TS_TEST_NOT_A_VAR_123")}` });
    expect(missing.statusCode).toBe(400);
    const words = (detail: string) => detail.replace(/TS_TEST_\w+/, "NAME");
    expect(words(missing.json().detail)).toBe(words(leak.json().detail));
    const header = await createProbe({
      url: `${target.url}/ok`,
      config: { headers: { "x-leak": ph("env", "PATH") } },
    });
    expect([header.statusCode, header.json().detail]).toEqual([
      400,
      expect.stringMatching(/config\.headers\.x-leak: .* is not an allowed placeholder/),
    ]);
    const patched = await createProbe({ url: `${target.url}/ok` });
    const patch = await t.as(t.users.editor, {
      method: "PATCH",
      url: `${base()}/probes/${patched.json().id}`,
      payload: { config: { body: ph("env", "TS_TEST_SECRET_API_KEY"), method: "POST" } },
    });
    expect(patch.statusCode).toBe(400);
  });

  it("a probe stored before the check (archive, old version) still sends nothing from the environment", async () => {
    const probe = await insertProbe(store.db, {
      workspaceId: t.ws,
      vendorId: null,
      createdBy: null,
      probe: {
        url: `${target.url}/leak/${ph("env", "TS_TEST_SECRET_API_KEY")}`,
        config: { headers: { "x-leak": ph("env", "PATH") } },
      },
      now: new Date(),
    });
    const res = await runNow(probe.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, error: expect.stringMatching(/is not available/) });
    expect(received()).not.toContain(LEAKED);
    expect(JSON.stringify(res.json())).not.toContain(process.env.PATH);
  });

  it("substitutes a variable the operator allowed, and keeps it out of the sample", async () => {
    const created = await createProbe({
      url: `${target.url}/allowed`,
      config: { headers: { "x-key": ph("env", "TS_TEST_ALLOWED_KEY") } },
    });
    expect(created.statusCode).toBe(201);
    const res = await runNow(created.json().id);
    expect(res.json().ok).toBe(true);
    expect(received()).toContain(ALLOWED);
    expect(res.body).not.toContain(ALLOWED);
  });

  it("stores a secret write-only (admin), lists names to editors, audits the name only", async () => {
    const put = (user: TestApp["users"]["admin"], value: string) =>
      t.as(user, { method: "PUT", url: `${base()}/secrets/VENDOR_KEY`, payload: { value } });
    expect((await put(t.users.editor, STORED)).statusCode).toBe(403);
    const created = await put(t.users.admin, `${STORED}-old`);
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain(STORED);
    expect((await put(t.users.admin, STORED)).statusCode).toBe(200);
    const list = await t.as(t.users.editor, { method: "GET", url: `${base()}/secrets` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      { name: "VENDOR_KEY", created_at: expect.any(String), updated_at: expect.any(String) },
    ]);
    expect(list.body).not.toContain(STORED);
    expect((await t.as(t.users.viewer, { method: "GET", url: `${base()}/secrets` })).statusCode).toBe(403);
    const rows = await store.db.selectFrom("workspace_secrets").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(STORED);
    const audit = await store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "secret")
      .where("workspace_id", "=", t.ws)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "update"]);
    expect(JSON.stringify(audit)).not.toContain(STORED);
    const bad = await t.as(t.users.admin, {
      method: "PUT",
      url: `${base()}/secrets/not%20a%20name`,
      payload: { value: "x" },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("sends a workspace secret to the target only, never another workspace's", async () => {
    const created = await createProbe({
      url: `${target.url}/secret?key=${ph("secret", "VENDOR_KEY")}`,
      config: { headers: { authorization: `Bearer ${ph("secret", "VENDOR_KEY")}` } },
    });
    expect(created.statusCode).toBe(201);
    const res = await runNow(created.json().id);
    expect(res.json().ok).toBe(true);
    expect(received()).toContain(`Bearer ${STORED}`);
    expect(res.body).not.toContain(STORED);
    const other = await t.as(t.users.outsider, {
      method: "POST",
      url: `/api/v1/workspaces/${t.otherWs}/probes`,
      payload: { url: `${target.url}/other?key=${ph("secret", "VENDOR_KEY")}` },
    });
    const otherRun = await t.as(t.users.outsider, {
      method: "POST",
      url: `/api/v1/workspaces/${t.otherWs}/probes/${other.json().id}/run`,
    });
    expect(otherRun.json()).toMatchObject({ ok: false, error: expect.stringMatching(/is not available/) });
  });

  it("deletes a secret (admin); a server without a key refuses to store one", async () => {
    const del = () => t.as(t.users.admin, { method: "DELETE", url: `${base()}/secrets/VENDOR_KEY` });
    expect((await del()).statusCode).toBe(204);
    expect((await del()).statusCode).toBe(404);
    const res = await off.as(off.users.admin, {
      method: "PUT",
      url: `/api/v1/workspaces/${off.ws}/secrets/X`,
      payload: { value: "v" },
    });
    expect(res.statusCode).toBe(409);
  });

  it("refuses max_body_bytes above the server's ceiling at save time", async () => {
    const over = await createProbe({ url: `${target.url}/big`, config: { max_body_bytes: 64 * 1024 + 1 } });
    expect(over.statusCode).toBe(400);
    expect(over.json().detail).toMatch(/config\.max_body_bytes: must be at most 65536 bytes/);
    const at = await createProbe({ url: `${target.url}/big`, config: { max_body_bytes: 64 * 1024 } });
    expect(at.statusCode).toBe(201);
  });
});
