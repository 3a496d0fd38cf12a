import { isAbsolute, resolve } from "node:path";
import { detectFormat, type IngestedDocument, ingestBytes, ingestFile } from "../ingest/index.js";
import { type ReviewOptions, reviewDocument } from "../review/index.js";
import type { Sandbox } from "../sandbox/index.js";
import type { ReviewResult } from "../terms/index.js";
import type { CliIo } from "./io.js";

/** What `review` and `compare` read documents with. Close it when done. */
export interface DocumentReader {
  load(files: string[], io: CliIo): Promise<IngestedDocument[]>;
  review(doc: IngestedDocument, opts: ReviewOptions): ReviewResult;
  close(): Promise<void>;
}

/**
 * Plain text and Markdown are decoded in this thread (size-checked, no container to inflate);
 * PDF, DOCX, HTML and email go to a worker thread with time and memory limits, so a hostile file
 * ends in one line and exit 2, never a crash of the CLI. The worker is started only when such a
 * file comes: reviewing a text file costs no second copy of the modules.
 */
export function createDocumentReader(): DocumentReader {
  let sandbox: Promise<Sandbox> | null = null;
  const inSandbox = () => {
    sandbox ??= import("../sandbox/index.js").then(({ Sandbox }) => new Sandbox({ threads: 1 }));
    return sandbox;
  };
  const ingest = async (bytes: Uint8Array, opts: { name: string; maxBytes?: number }) => {
    const format = detectFormat(opts.name, bytes);
    if (format === "txt" || format === "md") return ingestBytes(bytes, { ...opts, format });
    return (await inSandbox()).ingest(bytes, opts);
  };
  return {
    async load(files, io) {
      const docs: IngestedDocument[] = [];
      for (const file of files) {
        if (file === "-") docs.push(await ingest(new Uint8Array(await io.readStdin()), { name: "stdin" }));
        else {
          const path = isAbsolute(file) || io.cwd === process.cwd() ? file : resolve(io.cwd, file);
          docs.push(await ingestFile(path, { ingest }));
        }
      }
      return docs;
    },
    review: (doc, opts) => reviewDocument(doc, opts),
    async close() {
      if (sandbox) await (await sandbox).close();
    },
  };
}
