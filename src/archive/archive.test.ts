import { strToU8, unzipSync, zipSync } from "fflate";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, InputError } from "../errors/index.js";
import { jsonb, type Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { exportArchive, importArchive, readArchive } from "./index.js";

const NOW = new Date("2026-05-01T00:00:00.000Z");
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff, 0xfe]);

async function fill(store: Store) {
  const db = store.db;
  await db
    .insertInto("users")
    .values({ id: "u1", email: "ada@acme.test", name: "Ada 中文", password_hash: "scrypt$x" })
    .execute();
  await db.insertInto("workspaces").values({ id: "w1", name: "Acme" }).execute();
  await db.insertInto("memberships").values({ workspace_id: "w1", user_id: "u1", role: "admin" }).execute();
  await db
    .insertInto("vendors")
    .values({ id: "v1", workspace_id: "w1", name: "Vendor A", website: "https://a.test", notes: null })
    .execute();
  await db
    .insertInto("documents")
    .values({
      id: "d1",
      workspace_id: "w1",
      vendor_id: "v1",
      product_id: null,
      name: "a/../sla.pdf",
      format: "pdf",
      language: "zh",
      encoding: null,
      size_bytes: PDF.length,
      sha256: "abc",
      version: 1,
      original: PDF,
      text: "服务等级\n99.9%",
      created_by: "u1",
    })
    .execute();
  await db
    .insertInto("contracts")
    .values({
      id: "c1",
      workspace_id: "w1",
      vendor_id: "v1",
      name: "A 2026",
      terms_yaml: "x: 1\n",
      terms: jsonb({ a: [1, 2], b: { c: null } }),
      valid_from: "2026-01-01",
      valid_to: null,
    })
    .execute();
  await db
    .insertInto("tickets")
    .values({
      id: "t1",
      workspace_id: "w1",
      vendor_id: "v1",
      external_id: "Z-1",
      subject: "down",
      severity: "P1",
      status: "open",
      policy: null,
      opened_at: "2026-03-02T01:00:00.123Z",
      last_event_at: "2026-03-02T01:00:00.123Z",
      event_count: 1,
      import_id: null,
      created_by: "u1",
    })
    .execute();
  await db
    .insertInto("ticket_events")
    .values({
      id: "e1",
      workspace_id: "w1",
      ticket_id: "t1",
      seq: 1,
      type: "created",
      at: "2026-03-02T01:00:00.123Z",
      severity: "P1",
      status: null,
      author: null,
      body: 'it\'s "down"\n',
      source_key: null,
      created_by: "u1",
    })
    .execute();
  await db
    .insertInto("maintenance_notices")
    .values({
      id: "m1",
      workspace_id: "w1",
      vendor_id: "v1",
      title: "upgrade",
      notice_at: NOW,
      window_start: NOW,
      window_end: NOW,
      committed_hours: 72,
      notice_hours_given: 0.25,
      late: true,
      created_by: null,
    })
    .execute();
  await db
    .insertInto("settings")
    .values({ key: "json-null", value: jsonb(null) })
    .execute();
  await db
    .insertInto("workspace_secrets")
    .values({
      workspace_id: "w1",
      name: "VENDOR_KEY",
      sealed: "sealed-secret-bytes",
      key_id: "k1",
      created_by: "u1",
    })
    .execute();
  await sql`insert into audit_log (id, workspace_id, actor_id, action, entity, entity_id, at, details) values ('a1', 'w1', 'u1', 'create', 'vendor', 'v1', '2026-03-02 01:00:00.123456+00', '{"k": [1, "二"]}')`.execute(
    db,
  );
}

function contentOf(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  const out: Record<string, string> = {};
  for (const [path, data] of Object.entries(files)) {
    if (path === "manifest.json") {
      const m = JSON.parse(new TextDecoder().decode(data));
      delete m.generated_at;
      out[path] = JSON.stringify(m);
    } else out[path] = Buffer.from(data).toString("base64");
  }
  return out;
}

describe.each(storeBackends())("archive on $name", ({ open }) => {
  // One store open at a time (PostgreSQL test schemas share one database).
  let target: Store;
  let archive: Uint8Array;
  beforeAll(async () => {
    const source = await open();
    try {
      await fill(source);
      archive = (await exportArchive(source.db, { now: NOW })).bytes;
    } finally {
      await source.close();
    }
    target = await open();
  });
  afterAll(async () => {
    await target?.close();
  });

  it("writes a manifest with counts, checksums, one jsonl per table and the document bytes as a file", () => {
    const { manifest, files } = readArchive(archive);
    expect(manifest.counts).toMatchObject({
      users: 1,
      workspaces: 1,
      documents: 1,
      tickets: 1,
      ticket_events: 1,
      audit_log: 1,
    });
    expect(manifest.tables.map((t) => t.name)).not.toContain("sessions");
    // secrets are sealed with this instance's key: neither values nor names leave it
    expect(manifest.tables.map((t) => t.name)).not.toContain("workspace_secrets");
    const text = Object.values(unzipSync(archive))
      .map((f) => Buffer.from(f).toString("utf8"))
      .join("\n");
    expect(text).not.toContain("sealed-secret-bytes");
    expect(text).not.toContain("VENDOR_KEY");
    const names = manifest.tables.map((t) => t.name);
    expect(names.indexOf("workspaces")).toBeLessThan(names.indexOf("tickets"));
    expect(names.indexOf("tickets")).toBeLessThan(names.indexOf("ticket_events"));
    expect(files["documents/d1/a_.._sla.pdf"]).toEqual(PDF);
    const doc = JSON.parse(new TextDecoder().decode(files["tables/documents.jsonl"]).trim());
    expect(doc.original).toEqual({ $file: "documents/d1/a_.._sla.pdf" });
    expect(manifest.files["tables/users.jsonl"].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("restores into an empty instance identically (export → import → export)", async () => {
    const result = await importArchive(target.db, archive);
    expect(result.counts.tickets).toBe(1);
    const again = await exportArchive(target.db, { now: new Date("2027-01-01T00:00:00Z") });
    expect(contentOf(again.bytes)).toEqual(contentOf(archive));
    const audit = await sql<{ at: string }>`select at::text as at from audit_log`.execute(target.db);
    expect(audit.rows[0].at).toContain(".123456");
  });

  it("refuses a non-empty instance and leaves it untouched", async () => {
    await expect(importArchive(target.db, archive)).rejects.toBeInstanceOf(ConflictError);
    const n = await target.db
      .selectFrom("users")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
  });

  const broken: [string, () => Uint8Array][] = [
    ["not a zip", () => strToU8("hello")],
    ["no manifest", () => zipSync({ "a.txt": strToU8("x") })],
    [
      "tampered table file",
      () => {
        const files = unzipSync(archive);
        files["tables/users.jsonl"] = strToU8('{"id":"evil"}\n');
        return zipSync(files);
      },
    ],
    [
      "wrong schema",
      () => {
        const files = unzipSync(archive);
        const m = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
        m.schema = "other/v9";
        files["manifest.json"] = strToU8(JSON.stringify(m));
        return zipSync(files);
      },
    ],
  ];
  it.each(broken)("rejects %s with an input error", async (_name, make) => {
    await expect(importArchive(target.db, make())).rejects.toBeInstanceOf(InputError);
  });

  it("refuses an entry the manifest does not list, naming it, without inflating it", () => {
    // 32 MB of zeros in 32 KB: before, every entry was inflated (a 1.1 MB zip reached 1.5 GB)
    const files = { ...unzipSync(archive), "extra/zeros.bin": new Uint8Array(32 * 1024 * 1024) };
    const err = catchError(() => readArchive(zipSync(files)));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).reason).toMatch(/^extra\/zeros\.bin: not listed/);
  });

  it("stops inflating a listed entry once it passes the size the manifest declares", () => {
    const files = unzipSync(archive);
    const m = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
    m.files["tables/users.jsonl"].bytes = 10;
    files["manifest.json"] = strToU8(JSON.stringify(m));
    const err = catchError(() => readArchive(zipSync(files)));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).reason).toMatch(/^tables\/users\.jsonl: expands past 10 bytes/);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
    return null;
  } catch (err) {
    return err;
  }
}
