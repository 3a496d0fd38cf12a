import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { decodeText } from "./decode-text.js";

const zh = "云川承诺本服务每个服务月的服务可用性不低于 99.95%。\n故障等级：P0 响应 15 分钟，解决 4 小时。\n";
const en = "Sev 1: within one (1) hour.\nSev 3: next business day.\n";
const bytes = (s: string, enc: string) => new Uint8Array(iconv.encode(s, enc));
const withBom = (bom: number[], b: Uint8Array) => new Uint8Array([...bom, ...b]);

describe("decodeText", () => {
  const cases: { name: string; input: Uint8Array; text: string; encoding: string }[] = [
    { name: "utf-8", input: bytes(zh, "utf-8"), text: zh, encoding: "utf-8" },
    {
      name: "utf-8 with BOM",
      input: withBom([0xef, 0xbb, 0xbf], bytes(zh, "utf-8")),
      text: zh,
      encoding: "utf-8",
    },
    {
      name: "utf-16le with BOM",
      input: withBom([0xff, 0xfe], bytes(zh, "utf-16le")),
      text: zh,
      encoding: "utf-16le",
    },
    {
      name: "utf-16be with BOM",
      input: withBom([0xfe, 0xff], bytes(zh, "utf-16be")),
      text: zh,
      encoding: "utf-16be",
    },
    { name: "utf-16le without BOM (English)", input: bytes(en, "utf-16le"), text: en, encoding: "utf-16le" },
    { name: "utf-16be without BOM (English)", input: bytes(en, "utf-16be"), text: en, encoding: "utf-16be" },
    { name: "gb18030", input: bytes(zh, "gb18030"), text: zh, encoding: "gb18030" },
    { name: "gbk bytes read as gb18030", input: bytes(zh, "gbk"), text: zh, encoding: "gb18030" },
    { name: "CRLF becomes LF", input: bytes("a\r\nb\rc\n", "utf-8"), text: "a\nb\nc\n", encoding: "utf-8" },
    {
      name: "latin-1 is not mistaken for GB18030",
      input: bytes("café résumé naïve\n", "latin1"),
      text: "café résumé naïve\n",
      encoding: "windows-1252",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const decoded = decodeText(c.input, "terms.txt");
      expect(decoded.text).toBe(c.text);
      expect(decoded.encoding).toBe(c.encoding);
    });
  }

  it("gives the GB18030, UTF-16 and UTF-8 copies of a Chinese text the same text", () => {
    const texts = ["utf-8", "gb18030", "utf-16le", "utf-16be"].map((enc) => {
      const raw = bytes(zh, enc);
      const input =
        enc === "utf-16le"
          ? withBom([0xff, 0xfe], raw)
          : enc === "utf-16be"
            ? withBom([0xfe, 0xff], raw)
            : raw;
      return decodeText(input, "x.txt").text;
    });
    expect(new Set(texts)).toEqual(new Set([zh]));
  });

  it("uses a declared charset when the bytes are not UTF-8", () => {
    const decoded = decodeText(bytes("<p>服務條款：每月可用性 99.9%</p>", "big5"), "x.html", "big5");
    expect(decoded).toEqual({ text: "<p>服務條款：每月可用性 99.9%</p>", encoding: "big5" });
  });

  it("rejects binary content", () => {
    const junk = new Uint8Array(256).map((_, i) => (i * 7) % 256);
    expect(() => decodeText(junk, "junk.txt")).toThrow(InputError);
    expect(() =>
      decodeText(new Uint8Array([0x41, 0x00, 0x00, 0x00, 0x42, 0x01, 0x02, 0x03]), "nul.txt"),
    ).toThrow(/binary content/);
  });
});
