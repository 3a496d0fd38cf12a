import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fixture answers on a path; `etag`/`lastModified` make it answer 304 to a matching conditional GET. */
export interface FixtureResponse {
  status?: number;
  body?: string | Uint8Array;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export interface FixtureSite {
  origin: string;
  set(path: string, response: FixtureResponse): void;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** A local vendor site on 127.0.0.1 whose pages a test changes between fetches. */
export async function startFixtureSite(): Promise<FixtureSite> {
  const pages = new Map<string, FixtureResponse>();
  const requests: FixtureSite["requests"] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    requests.push({ path, headers: req.headers });
    const page = pages.get(path);
    const answer = () => {
      if (!page) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const headers: Record<string, string> = {
        "content-type": page.contentType ?? "text/html; charset=utf-8",
      };
      if (page.etag) headers.etag = page.etag;
      if (page.lastModified) headers["last-modified"] = page.lastModified;
      const fresh =
        (page.etag && req.headers["if-none-match"] === page.etag) ||
        (!page.etag && page.lastModified && req.headers["if-modified-since"] === page.lastModified);
      if (fresh) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(page.status ?? 200, headers).end(page.body ?? "");
    };
    if (page?.delayMs) {
      const t = setTimeout(answer, page.delayMs);
      res.on("close", () => clearTimeout(t));
    } else answer();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    set: (path, response) => pages.set(path, response),
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
