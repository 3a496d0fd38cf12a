import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { addMembership, createUser, createWorkspace, issueApiToken } from "../accounts/index.js";
import type { Role, Store } from "../store/index.js";
import { openTestPglite } from "../store/testing.js";
import { type BuildServerOptions, buildServer } from "./build-server.js";

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  /** A read+write API token bound to the user's workspace. */
  token: string;
  /** `{ authorization: "Bearer ts_…" }` */
  headers: Record<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  /** Workspace "Acme buyers": admin, editor and viewer are members. */
  ws: string;
  /** Workspace "Other co": only `outsider` (admin there) is a member. */
  otherWs: string;
  /** `admin` is also the instance admin (the setup account); the others are instance members. */
  users: { admin: TestUser; editor: TestUser; viewer: TestUser; outsider: TestUser };
  /** `app.inject` as a user (Bearer token), or anonymous with `null`. */
  as(user: TestUser | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Adds a user with `role` in `workspaceId` (a membership written directly, no invitation) and a read+write token. */
  addUser(role: Role, workspaceId: string, email?: string): Promise<TestUser>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A server over a fresh PGlite store (or the given one) with two workspaces and four users.
 * Use one per test file (`beforeAll`) and reuse it across tests.
 */
export async function buildTestApp(opts: Partial<BuildServerOptions> = {}): Promise<TestApp> {
  const ownStore = !opts.store;
  const store = opts.store ?? (await openTestPglite());
  const app = await buildServer({ webRoot: null, ...opts, store });
  const db = store.db;
  const adminUser = await createUser(db, {
    email: `admin${++counter}@acme.test`,
    name: "Ada Admin",
    password: "correct horse battery",
    instanceRole: "admin",
  });
  const ws = await createWorkspace(db, { name: "Acme buyers", adminId: adminUser.id });
  const outsiderUser = await createUser(db, {
    email: `outsider${++counter}@other.test`,
    name: "Otto Outsider",
    password: "correct horse battery",
  });
  const otherWs = await createWorkspace(db, { name: "Other co", adminId: outsiderUser.id });

  async function withToken(
    user: { id: string; email: string },
    role: Role,
    workspaceId: string,
  ): Promise<TestUser> {
    const t = await issueApiToken(db, {
      workspaceId,
      userId: user.id,
      name: "test",
      scopes: ["read", "write"],
    });
    return {
      id: user.id,
      email: user.email,
      password: "correct horse battery",
      role,
      token: t.token,
      headers: { authorization: `Bearer ${t.token}` },
    };
  }
  async function addUser(
    role: Role,
    workspaceId: string,
    email = `user${++counter}@acme.test`,
  ): Promise<TestUser> {
    const user = await createUser(db, { email, name: `${role} user`, password: "correct horse battery" });
    await addMembership(db, workspaceId, user.id, role);
    return withToken(user, role, workspaceId);
  }
  const users = {
    admin: await withToken(adminUser, "admin", ws.id),
    editor: await addUser("editor", ws.id),
    viewer: await addUser("viewer", ws.id),
    outsider: await withToken(outsiderUser, "admin", otherWs.id),
  };
  return {
    app,
    store,
    ws: ws.id,
    otherWs: otherWs.id,
    users,
    as(user, injectOpts) {
      const headers = { ...(injectOpts.headers ?? {}), ...(user ? user.headers : {}) };
      return app.inject({ ...injectOpts, headers } as InjectOptions);
    },
    addUser,
    async close() {
      await app.close();
      if (ownStore) await store.close();
    },
  };
}

/** Logs in with the password and returns the session cookie header and the CSRF token. */
export async function loginSession(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "ts_session");
  if (!cookie) throw new Error("login set no ts_session cookie");
  return { cookie: `ts_session=${cookie.value}`, csrf: res.json().csrf_token };
}

/** A multipart/form-data request body for `app.inject`: `{ payload, headers }`. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; content: Uint8Array | string; field?: string; type?: string },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----termsight${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field ?? "file"}"; filename="${file.name}"\r\ncontent-type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
    );
    chunks.push(Buffer.from(file.content));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}
