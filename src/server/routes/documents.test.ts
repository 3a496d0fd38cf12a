import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declareSize, tinyDocx } from "../../ingest/__fixtures__/tiny-docx.js";
import { tinyPdf } from "../../ingest/__fixtures__/tiny-pdf.js";
import { buildTestApp, multipart, type TestApp } from "../testing.js";

let t: TestApp;
let vendorA: string;
let vendorB: string;
const EN =
  "Support SLA\nP1 incidents: response within 15 minutes, 24x7.\nWe will use commercially reasonable efforts to restore service.\n";
const ZH = "服务等级协议\n一级故障：15分钟内响应，7×24小时支持。\n我们将尽力而为恢复服务。\n";

beforeAll(async () => {
  t = await buildTestApp({ maxUploadBytes: 64 * 1024 });
  vendorA = (
    await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      payload: { name: "Vendor A" },
    })
  ).json().id;
  vendorB = (
    await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      payload: { name: "Vendor B" },
    })
  ).json().id;
});
afterAll(async () => {
  await t?.close();
});

const docsUrl = () => `/api/v1/workspaces/${t.ws}/documents`;
const upload = (
  user: TestApp["users"]["admin"] | null,
  fields: Record<string, string>,
  file?: { name: string; content: string | Uint8Array },
) => {
  const body = multipart(fields, file);
  return t.as(user, { method: "POST", url: docsUrl(), ...body });
};

describe("documents", () => {
  let docId: string;

  const bombs: Array<[string, Uint8Array]> = [
    ["bomb.docx", declareSize(tinyDocx(100_000), "word/document.xml", 1_000)],
    ["pages.pdf", tinyPdf("Uptime 99.9%", 3_000)],
  ];
  it.each(bombs)("refuses %s with a one-line 400 and stores nothing", async (name, content) => {
    const before = (await t.as(t.users.viewer, { method: "GET", url: docsUrl() })).json().items.length;
    const res = await upload(t.users.editor, {}, { name, content });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(new RegExp(`^${name.replace(".", "\\.")}: [^\\n]+$`));
    const after = (await t.as(t.users.viewer, { method: "GET", url: docsUrl() })).json().items.length;
    expect(after).toBe(before);
  });

  it("uploads → ingests → reviews → stores; the same bytes again are idempotent", async () => {
    const res = await upload(
      t.users.editor,
      { vendor_id: vendorA, scenario: "voice-cs" },
      { name: "a-sla.txt", content: EN },
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.document).toMatchObject({
      name: "a-sla.txt",
      format: "txt",
      language: "en",
      vendor_id: vendorA,
      version: 1,
      size_bytes: Buffer.byteLength(EN),
    });
    expect(body.review).toMatchObject({ scenario: "voice-cs", lang: "en" });
    expect(body.review.result.schema).toBe("termsight.review/v1");
    docId = body.document.id;
    const again = await upload(
      t.users.editor,
      { vendor_id: vendorA, scenario: "voice-cs" },
      { name: "renamed.txt", content: EN },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().document.id).toBe(docId);
    const list = await t.as(t.users.viewer, { method: "GET", url: docsUrl() });
    expect(
      list.json().items.filter((d: { sha256: string }) => d.sha256 === body.document.sha256),
    ).toHaveLength(1);
  });

  it("a new upload under the same vendor and name is the next version", async () => {
    const res = await upload(
      t.users.editor,
      { vendor_id: vendorA },
      { name: "a-sla.txt", content: `${EN}\nRevised.\n` },
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().document.version).toBe(2);
  });

  it("GET one has the text and its reviews; original returns the bytes", async () => {
    const one = await t.as(t.users.viewer, { method: "GET", url: `${docsUrl()}/${docId}` });
    expect(one.statusCode).toBe(200);
    expect(one.json().text).toContain("P1 incidents");
    expect(one.json().reviews).toHaveLength(1);
    const original = await t.as(t.users.viewer, { method: "GET", url: `${docsUrl()}/${docId}/original` });
    expect(original.statusCode).toBe(200);
    expect(original.body).toBe(EN);
    expect(original.headers["content-disposition"]).toContain("a-sla.txt");
    expect(original.headers["content-security-policy"]).toBe("sandbox");
  });

  it("filters by vendor", async () => {
    await upload(t.users.editor, { vendor_id: vendorB }, { name: "b-sla.txt", content: ZH });
    const res = await t.as(t.users.viewer, { method: "GET", url: `${docsUrl()}?vendor_id=${vendorB}` });
    expect(res.json().items.map((d: { name: string }) => d.name)).toEqual(["b-sla.txt"]);
  });

  const bad = [
    { name: "no file part", fields: { scenario: "general" }, file: undefined, status: 400 },
    {
      name: "unknown scenario",
      fields: { scenario: "karaoke" },
      file: { name: "x.txt", content: "hello world" },
      status: 400,
    },
    { name: "empty file", fields: {}, file: { name: "empty.txt", content: "" }, status: 400 },
    {
      name: "binary file",
      fields: {},
      file: { name: "bin.txt", content: new Uint8Array([0, 1, 2, 0, 0, 255, 0, 3, 0, 0, 0, 1]) },
      status: 400,
    },
    {
      name: "oversized file",
      fields: {},
      file: { name: "big.txt", content: "a".repeat(70 * 1024) },
      status: 413,
    },
    {
      name: "vendor of another workspace",
      fields: { vendor_id: "nope" },
      file: { name: "y.txt", content: "hello there" },
      status: 404,
    },
  ];
  it.each(bad)("refuses $name with problem+json", async ({ fields, file, status }) => {
    const res = await upload(t.users.editor, fields as Record<string, string>, file);
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses a JSON body", async () => {
    const res = await t.as(t.users.editor, { method: "POST", url: docsUrl(), payload: { file: "x" } });
    expect(res.statusCode).toBe(400);
  });

  it("401 / 403 / 404", async () => {
    expect((await upload(null, {}, { name: "x.txt", content: "hello" })).statusCode).toBe(401);
    expect((await upload(t.users.viewer, {}, { name: "x.txt", content: "hello" })).statusCode).toBe(403);
    expect((await t.as(t.users.outsider, { method: "GET", url: `${docsUrl()}/${docId}` })).statusCode).toBe(
      404,
    );
    const own = `/api/v1/workspaces/${t.otherWs}/documents/${docId}`;
    expect((await t.as(t.users.outsider, { method: "GET", url: own })).statusCode).toBe(404);
  });
});

describe("reviews and compare", () => {
  let docA: string;
  let docB: string;
  beforeAll(async () => {
    const list = (await t.as(t.users.viewer, { method: "GET", url: docsUrl() })).json().items as {
      id: string;
      name: string;
      version: number;
    }[];
    docA = list.find((d) => d.name === "a-sla.txt" && d.version === 1)?.id as string;
    docB = list.find((d) => d.name === "b-sla.txt")?.id as string;
  });

  it("re-runs a review for another scenario and language, idempotently", async () => {
    const url = `/api/v1/workspaces/${t.ws}/reviews`;
    const res = await t.as(t.users.editor, {
      method: "POST",
      url,
      payload: { document_id: docA, scenario: "global", lang: "zh" },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ scenario: "global", lang: "zh" });
    const again = await t.as(t.users.editor, {
      method: "POST",
      url,
      payload: { document_id: docA, scenario: "global", lang: "zh" },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(res.json().id);
    const list = await t.as(t.users.viewer, {
      method: "GET",
      url: `${url}?document_id=${docA}&scenario=global`,
    });
    expect(list.json().items).toHaveLength(1);
    const one = await t.as(t.users.viewer, { method: "GET", url: `${url}/${res.json().id}` });
    expect(one.json().review.scenario).toBe("global");
    expect(one.json().text).toContain("P1 incidents");
    expect(
      (await t.as(t.users.editor, { method: "POST", url, payload: { document_id: docA, scenario: "nope" } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await t.as(t.users.editor, { method: "POST", url, payload: { document_id: "missing" } })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(t.users.viewer, { method: "POST", url, payload: { document_id: docA } })).statusCode,
    ).toBe(403);
    expect((await t.as(t.users.outsider, { method: "GET", url: `${url}/${res.json().id}` })).statusCode).toBe(
      404,
    );
  });

  it("compares two vendors' documents, labelled by vendor", async () => {
    const url = `/api/v1/workspaces/${t.ws}/compare`;
    const res = await t.as(t.users.viewer, {
      method: "POST",
      url,
      payload: { document_ids: [docA, docB], scenario: "voice-cs", lang: "en" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().schema).toBe("termsight.compare/v1");
    expect(res.json().vendors.map((v: { name: string }) => v.name)).toEqual(["Vendor A", "Vendor B"]);
    expect(
      (await t.as(t.users.viewer, { method: "POST", url, payload: { document_ids: [docA] } })).statusCode,
    ).toBe(400);
    expect(
      (await t.as(t.users.outsider, { method: "POST", url, payload: { document_ids: [docA, docB] } }))
        .statusCode,
    ).toBe(404);
  });

  it("stateless review stores nothing", async () => {
    const before = (
      await t.as(t.users.viewer, { method: "GET", url: `/api/v1/workspaces/${t.ws}/reviews?limit=500` })
    ).json().items.length;
    const res = await t.as(t.users.viewer, {
      method: "POST",
      url: "/api/v1/review",
      payload: { text: ZH, scenario: "general" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().document.language).toBe("zh");
    const after = (
      await t.as(t.users.viewer, { method: "GET", url: `/api/v1/workspaces/${t.ws}/reviews?limit=500` })
    ).json().items.length;
    expect(after).toBe(before);
    expect(
      (await t.as(t.users.viewer, { method: "POST", url: "/api/v1/review", payload: { text: "" } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await t.as(null, { method: "POST", url: "/api/v1/review", payload: { text: "x" } })).statusCode,
    ).toBe(401);
  });
});
