import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { TooLargeError } from "../errors/index.js";

/** A request body written to a temporary file instead of memory. */
export interface SpooledBody {
  path: string;
  bytes: number;
  read(): Promise<Buffer>;
  remove(): Promise<void>;
}

/**
 * Streams a body to a temporary file, stopping at `maxBytes` (a declared Content-Length over it is
 * refused before a byte is read). Large bodies (archives) never sit in the server's memory while
 * they arrive; the caller reads the file once it has decided the body is worth reading.
 */
export async function spoolBody(
  payload: Readable,
  declaredLength: string | undefined,
  maxBytes: number,
  source = "body",
): Promise<SpooledBody> {
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes)
    throw new TooLargeError(source, maxBytes);
  const dir = await mkdtemp(join(tmpdir(), "termsight-body-"));
  const path = join(dir, "body");
  let bytes = 0;
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(
      payload,
      async function* limit(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          bytes += chunk.length;
          if (bytes > maxBytes) throw new TooLargeError(source, maxBytes);
          yield chunk;
        }
      },
      createWriteStream(path, { mode: 0o600 }),
    );
  } catch (err) {
    await remove();
    throw err;
  }
  return { path, bytes, read: () => readFile(path), remove };
}
