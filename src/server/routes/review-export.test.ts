import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { issueApiToken } from "../../accounts/index.js";
import { pdfText } from "../../report/pdf-check.js";
import { buildTestApp, multipart, type TestApp } from "../testing.js";
import { exportDisposition } from "./review-export.js";

let t: TestApp;
let reviewId: string;
let zhReviewId: string;
const EN =
  "Support SLA\nP1 incidents: response within 15 minutes, 24x7.\nWe will use commercially reasonable efforts to restore service.\n";
const ZH = "服务等级协议\n一级故障：15分钟内响应，7×24小时支持。\n我们将尽力而为恢复服务。\n";

beforeAll(async () => {
  t = await buildTestApp();
  const vendor = (
    await t.as(t.users.editor, {
      method: "POST",
      url: `/api/v1/workspaces/${t.ws}/vendors`,
      payload: { name: "Vendor A" },
    })
  ).json().id;
  const up = await t.as(t.users.editor, {
    method: "POST",
    url: `/api/v1/workspaces/${t.ws}/documents`,
    ...multipart({ vendor_id: vendor }, { name: "a-sla.txt", content: EN }),
  });
  reviewId = up.json().review.id;
  const zh = await t.as(t.users.editor, {
    method: "POST",
    url: `/api/v1/workspaces/${t.ws}/documents`,
    ...multipart({}, { name: "服务协议.txt", content: ZH }),
  });
  zhReviewId = zh.json().review.id;
});
afterAll(async () => {
  await t?.close();
});

const url = (id: string, query = "") => `/api/v1/workspaces/${t.ws}/reviews/${id}/export${query}`;

describe("review export", () => {
  const formats = [
    { format: "md", type: "text/markdown; charset=utf-8", check: (b: string) => b.startsWith("#") },
    {
      format: "html",
      type: "text/html; charset=utf-8",
      check: (b: string) => /<html/i.test(b) && b.includes("P1 incidents"),
    },
    {
      format: "yaml",
      type: "application/yaml; charset=utf-8",
      check: (b: string) => typeof parseYaml(b) === "object" && b.includes("Vendor A"),
    },
  ];
  it.each(formats)("format=$format → $type attachment", async ({ format, type, check }) => {
    const res = await t.as(t.users.viewer, { method: "GET", url: url(reviewId, `?format=${format}`) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(type);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="a-sla-review.${format}"`);
    expect(check(res.body)).toBe(true);
  });

  it("format=pdf is the same review as a PDF (one PDF path with the reports), in the language asked", async () => {
    const res = await t.as(t.users.viewer, { method: "GET", url: url(reviewId, "?format=pdf&lang=en") });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="a-sla-review.pdf"');
    const md = await t.as(t.users.viewer, { method: "GET", url: url(reviewId, "?format=md&lang=en") });
    const firstHeading = /^# (.+)$/m.exec(md.body)?.[1] ?? "";
    const text = pdfText(res.rawPayload);
    expect(firstHeading.length).toBeGreaterThan(0);
    expect(text.replace(/\s+/g, " ")).toContain(
      firstHeading.replace(/[*`]/g, "").replace(/\s+/g, " ").trim(),
    );
    expect(text).toContain("P1");
    const zh = await t.as(t.users.viewer, { method: "GET", url: url(zhReviewId, "?format=pdf") });
    expect(zh.statusCode).toBe(200);
    expect(decodeURIComponent((zh.headers["content-disposition"] as string).split("''")[1] as string)).toBe(
      "服务协议-review.pdf",
    );
    expect(/[\u4e00-\u9fff]/.test(pdfText(zh.rawPayload))).toBe(true);
    expect(
      (await t.as(t.users.viewer, { method: "GET", url: url("missing", "?format=pdf") })).statusCode,
    ).toBe(404);
  });

  it("the comparison with its negotiation memos as a PDF; fewer than two documents is 400", async () => {
    const compare = `/api/v1/workspaces/${t.ws}/compare`;
    const ids = await t.store.db
      .selectFrom("documents")
      .select("id")
      .where("workspace_id", "=", t.ws)
      .execute();
    const payload = { document_ids: ids.map((d) => d.id), scenario: "general", lang: "en" };
    const json = (await t.as(t.users.viewer, { method: "POST", url: compare, payload })).json();
    const res = await t.as(t.users.viewer, { method: "POST", url: `${compare}/pdf`, payload });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="comparison-general.pdf"');
    const text = pdfText(res.rawPayload).replace(/\s+/g, " ");
    for (const v of json.vendors as { name: string }[]) expect(text).toContain(v.name);
    expect(json.memos.length).toBeGreaterThan(0);
    for (const memo of json.memos as { items: { ask: string }[] }[])
      if (memo.items[0]) expect(text).toContain(memo.items[0].ask.slice(0, 20));
    const one = await t.as(t.users.viewer, {
      method: "POST",
      url: `${compare}/pdf`,
      payload: { document_ids: [ids[0]?.id] },
    });
    expect(one.statusCode).toBe(400);
    expect(one.json().detail).toMatch(/document_ids/);
  });

  it("lang switches the labels' language; no format is Markdown", async () => {
    const en = await t.as(t.users.viewer, { method: "GET", url: url(reviewId, "?lang=en") });
    const zh = await t.as(t.users.viewer, { method: "GET", url: url(reviewId, "?format=md&lang=zh") });
    expect(en.statusCode).toBe(200);
    expect(en.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(zh.statusCode).toBe(200);
    expect(zh.body).not.toBe(en.body);
    expect(/[\u4e00-\u9fff]/.test(zh.body)).toBe(true);
  });

  it("a non-ASCII document name keeps an ASCII filename and a UTF-8 filename*", async () => {
    const res = await t.as(t.users.viewer, { method: "GET", url: url(zhReviewId, "?format=html") });
    expect(res.statusCode).toBe(200);
    const cd = res.headers["content-disposition"] as string;
    expect(cd).toMatch(/^attachment; filename="[ -~]+\.html"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("''")[1] as string)).toBe("服务协议-review.html");
  });

  const bad = [
    { name: "unknown format", query: "?format=docx", field: "query.format" },
    { name: "json is not an export format", query: "?format=json", field: "query.format" },
    { name: "unknown lang", query: "?format=md&lang=fr", field: "query.lang" },
  ];
  it.each(bad)("$name → 400 problem naming the field", async ({ query, field }) => {
    const res = await t.as(t.users.viewer, { method: "GET", url: url(reviewId, query) });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.stringify(res.json())).toContain(field);
  });

  it("anonymous → 401; a token without read scope → 403; another workspace → 404; unknown id → 404", async () => {
    expect((await t.as(null, { method: "GET", url: url(reviewId) })).statusCode).toBe(401);
    const noScope = await issueApiToken(t.store.db, {
      workspaceId: t.ws,
      userId: t.users.viewer.id,
      name: "no scope",
      scopes: [],
    });
    const forbidden = await t.app.inject({
      method: "GET",
      url: url(reviewId),
      headers: { authorization: `Bearer ${noScope.token}` },
    });
    expect(forbidden.statusCode).toBe(403);
    expect((await t.as(t.users.outsider, { method: "GET", url: url(reviewId) })).statusCode).toBe(404);
    const theirs = `/api/v1/workspaces/${t.otherWs}/reviews/${reviewId}/export?format=md`;
    expect((await t.as(t.users.outsider, { method: "GET", url: theirs })).statusCode).toBe(404);
    expect((await t.as(t.users.viewer, { method: "GET", url: url("missing") })).statusCode).toBe(404);
  });

  it("is in the OpenAPI document at the path the web UI looks for", async () => {
    const spec = (await t.as(null, { method: "GET", url: "/api/openapi.json" })).json();
    const op = spec.paths["/api/v1/workspaces/{ws}/reviews/{id}/export"]?.get;
    expect(op).toBeDefined();
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["ws", "id", "format", "lang"]),
    );
  });
});

describe("exportDisposition", () => {
  it.each([
    { name: "a-sla.txt", ext: "md", want: 'attachment; filename="a-sla-review.md"' },
    { name: "terms", ext: "yaml", want: 'attachment; filename="terms-review.yaml"' },
    {
      name: 'we"ird.pdf',
      ext: "html",
      want: "attachment; filename=\"we_ird-review.html\"; filename*=UTF-8''we%22ird-review.html",
    },
  ])("$name → $want", ({ name, ext, want }) => {
    expect(exportDisposition(name, ext)).toBe(want);
  });
});
