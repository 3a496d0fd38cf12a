import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { describe, expect, it, vi } from "vitest";
import { InputError, TermsightError, TooLargeError } from "../errors/index.js";
import { tinyPdf } from "./__fixtures__/tiny-pdf.js";
import { type DocumentFormat, ingestBytes, ingestFile, MAX_DOCUMENT_BYTES } from "./index.js";

const examplesDir = new URL("../../examples/", import.meta.url);
const utf8 = (s: string) => new TextEncoder().encode(s);
const zh =
  "第一条 服务可用性\r\n云川承诺本服务每个服务月的服务可用性不低于 99.95%。\r\nP0 故障 15 分钟响应，4 小时解决。\r\n";

async function failure(p: Promise<unknown>): Promise<TermsightError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TermsightError);
  return err as TermsightError;
}

describe("ingestBytes", () => {
  it("gives UTF-8, UTF-8 with BOM, UTF-16 and GB18030 copies of a Chinese text the same text", async () => {
    const copies: [string, Uint8Array][] = [
      ["utf-8", utf8(zh)],
      ["utf-8", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(zh)])],
      ["utf-16le", new Uint8Array([0xff, 0xfe, ...iconv.encode(zh, "utf-16le")])],
      ["utf-16be", new Uint8Array([0xfe, 0xff, ...iconv.encode(zh, "utf-16be")])],
      ["gb18030", new Uint8Array(iconv.encode(zh, "gb18030"))],
    ];
    for (const [encoding, bytes] of copies) {
      const doc = await ingestBytes(bytes, { name: "terms.txt" });
      expect(doc).toMatchObject({
        text: zh.replaceAll("\r\n", "\n"),
        encoding,
        language: "zh",
        format: "txt",
      });
      expect(doc.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(doc.bytes).toBe(bytes.length);
    }
  });

  const formats: { name: string; file: string; bytes: Uint8Array; format: DocumentFormat }[] = [
    { name: "extension .md", file: "terms.md", bytes: utf8("# SLA\n\n| a | b |\n|---|---|\n"), format: "md" },
    { name: "extension .HTM", file: "TERMS.HTM", bytes: utf8("<p>hi</p>"), format: "html" },
    { name: "PDF magic without extension", file: "upload", bytes: tinyPdf("SLA 99.9%"), format: "pdf" },
    {
      name: "HTML doctype without extension",
      file: "stdin",
      bytes: utf8("  <!DOCTYPE html><p>x</p>"),
      format: "html",
    },
    { name: "plain text without extension", file: "stdin", bytes: utf8("Sev 1: one hour."), format: "txt" },
  ];
  for (const c of formats) {
    it(`detects the format from ${c.name}`, async () => {
      expect((await ingestBytes(c.bytes, { name: c.file })).format).toBe(c.format);
    });
  }

  it("sniffs a DOCX without extension", async () => {
    const bytes = new Uint8Array(readFileSync(new URL("kestrel-speech-support-en.docx", examplesDir)));
    const doc = await ingestBytes(bytes, { name: "upload.bin" });
    expect(doc).toMatchObject({ format: "docx", language: "en", encoding: null });
  });

  it("keeps Markdown text as written", async () => {
    const md = "# SLA\n\n| Severity | Response |\n|---|---|\n| P0 | 15 分钟 |\n";
    expect((await ingestBytes(utf8(md), { name: "sla.md" })).text).toBe(md);
  });

  const bad: { name: string; bytes: Uint8Array; file: string; reason: RegExp; maxBytes?: number }[] = [
    {
      name: "an empty file",
      bytes: new Uint8Array(0),
      file: "a.txt",
      reason: /^no text: the file is empty$/,
    },
    {
      name: "a whitespace-only file",
      bytes: utf8(" \r\n\t\n "),
      file: "a.txt",
      reason: /^no text: the file is empty$/,
    },
    {
      name: "binary junk",
      bytes: new Uint8Array(512).map((_, i) => (i * 131 + 17) % 256),
      file: "a.txt",
      reason: /^not a text document \(binary content\)$/,
    },
    {
      name: "a page with no visible text",
      bytes: utf8("<html><script>x()</script></html>"),
      file: "a.html",
      reason: /^no text: /,
    },
    { name: "a legacy .doc", bytes: utf8("x"), file: "old.doc", reason: /\.docx/ },
    {
      name: "a corrupt .docx",
      bytes: utf8("PK\u0003\u0004 not really"),
      file: "c.docx",
      reason: /^corrupt DOCX: /,
    },
    {
      name: "a corrupt .pdf",
      bytes: utf8("%PDF-1.4 garbage"),
      file: "c.pdf",
      reason: /^corrupt PDF: |^no text layer/,
    },
  ];
  for (const c of bad) {
    it(`rejects ${c.name} with an InputError naming the file`, async () => {
      const err = await failure(ingestBytes(c.bytes, { name: c.file }));
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).source).toBe(c.file);
      expect((err as InputError).reason).toMatch(c.reason);
    });
  }

  it("rejects a document over the size limit with TooLargeError", async () => {
    const err = await failure(ingestBytes(utf8("12345678901"), { name: "big.txt", maxBytes: 10 }));
    expect(err).toBeInstanceOf(TooLargeError);
    expect(err.message).toMatch(/^big\.txt: /);
    expect(MAX_DOCUMENT_BYTES).toBe(50 * 1024 * 1024);
  });
});

describe("ingestFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "termsight-ingest-"));

  it("reads a file and names the document by its base name", async () => {
    const path = join(dir, "sla.txt");
    writeFileSync(path, "Availability: 99.9% per month.\n");
    expect(await ingestFile(path)).toMatchObject({
      name: "sla.txt",
      format: "txt",
      language: "en",
      encoding: "utf-8",
    });
  });

  it("rejects a file over 50 MB from its size, before reading it", async () => {
    const path = join(dir, "huge.txt");
    writeFileSync(path, "");
    truncateSync(path, MAX_DOCUMENT_BYTES + 1); // sparse: nothing to read
    expect(await failure(ingestFile(path))).toBeInstanceOf(TooLargeError);
  });

  it("reads standard input for -, with the size limit applied while streaming", async () => {
    const stdin = vi.spyOn(process, "stdin", "get");
    try {
      stdin.mockReturnValue(
        Readable.from([Buffer.from("Sev 1: within one (1) hour.\n")]) as typeof process.stdin,
      );
      expect(await ingestFile("-")).toMatchObject({ name: "stdin", text: "Sev 1: within one (1) hour.\n" });
      stdin.mockReturnValue(Readable.from([Buffer.alloc(8), Buffer.alloc(8)]) as typeof process.stdin);
      expect(await failure(ingestFile("-", { maxBytes: 10 }))).toBeInstanceOf(TooLargeError);
    } finally {
      stdin.mockRestore();
    }
  });

  const bad: { name: string; path: string; reason: string }[] = [
    { name: "a missing file", path: join(dir, "nope.pdf"), reason: "cannot read: no such file" },
    { name: "a directory", path: dir, reason: "cannot read: is a directory, not a file" },
  ];
  for (const c of bad) {
    it(`rejects ${c.name}`, async () => {
      const err = await failure(ingestFile(c.path));
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).source).toBe(c.path);
      expect((err as InputError).reason).toBe(c.reason);
    });
  }
});

describe("examples with expected values", () => {
  const expectedDir = new URL("expected/", examplesDir);
  const mine = ["yunchuan-rtc-sla-zh.pdf", "kestrel-speech-support-en.docx", "lumen-voice-sla.html"];
  const files = readdirSync(expectedDir).filter((f) => mine.some((m) => f === `${m}.json`));
  it("has an expected file for each of the ingest examples", () =>
    expect(files.sort()).toEqual(mine.map((m) => `${m}.json`).sort()));

  for (const file of files) {
    it(`${file}: the document ingests with the expected language`, async () => {
      const expected = JSON.parse(readFileSync(new URL(file, expectedDir), "utf8")) as {
        file: string;
        language: string;
      };
      const doc = await ingestFile(new URL(expected.file, examplesDir).pathname);
      expect(doc.language).toBe(expected.language);
      expect(doc.text.length).toBeGreaterThan(500);
    });
  }

  it("keeps the HTML example's nav, aside and footer marketing out of the text", async () => {
    const doc = await ingestFile(new URL("lumen-voice-sla.html", examplesDir).pathname);
    expect(doc.text).not.toMatch(/99\.99|99\.999|Pricing|5-minute|trusted by/);
    expect(doc.text.split("\n")).toContain(
      "S1 | Voice calls fail for all or most end users | 30 minutes | 24/7",
    );
    expect(doc.text.split("\n")).toContain("Less than 99.9% but at least 99.0% | 10%");
  });
});
