import { Inflate } from "fflate";
import { InputError } from "../errors/index.js";

/** One entry of a ZIP's central directory: what the archive declares, before anything is inflated. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes fed to the inflater at a time: deflate expands at most ~1032×, so one step adds ≤ 4 MB. */
const STEP = 4096;

/**
 * The central directory of a ZIP (DOCX, archive export), read from its end record without
 * inflating anything; `maxEntries` bounds the work. ZIP64 and multi-disk archives are refused.
 * A broken structure is an InputError whose reason starts with "corrupt zip".
 */
export function readZipDirectory(bytes: Uint8Array, source: string, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end record is in the last 22 + 65,535 (comment) bytes
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new InputError(source, "corrupt zip (no end of central directory)");
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff)
    throw new InputError(source, "corrupt zip (zip64 is not supported)");
  if (count > maxEntries) {
    throw new InputError(source, `zip holds ${count} entries; at most ${maxEntries} are read`);
  }
  if (offset + size > eocd) throw new InputError(source, "corrupt zip (central directory out of bounds)");
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) {
      throw new InputError(source, "corrupt zip (bad central directory entry)");
    }
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates one entry, never past `maxBytes` (the size it declares, or less): inflating stops as
 * soon as the output passes it, so a lying header costs at most one step. With `keep` false the
 * output is only counted (a check that the entry is no bigger than it says).
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  source: string,
  maxBytes: number,
  keep = true,
): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) {
    throw new InputError(source, `corrupt zip (${entry.name}: bad local header)`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize)
    throw new InputError(source, `corrupt zip (${entry.name}: truncated)`);
  const tooBig = () =>
    new InputError(
      source,
      `${entry.name}: expands past ${maxBytes} bytes (declared ${entry.uncompressedSize})`,
    );
  if (entry.method === 0) {
    if (data.length > maxBytes) throw tooBig();
    return keep ? data : new Uint8Array(0);
  }
  if (entry.method !== 8)
    throw new InputError(source, `corrupt zip (${entry.name}: unsupported compression ${entry.method})`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (keep && total <= maxBytes) chunks.push(chunk);
  });
  for (let i = 0; i < data.length; i += STEP) {
    try {
      inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    } catch (err) {
      throw new InputError(source, `corrupt zip (${entry.name}: ${(err as Error).message.toLowerCase()})`);
    }
    if (total > maxBytes) throw tooBig();
  }
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  if (!keep) return new Uint8Array(0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
