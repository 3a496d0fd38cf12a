// Writes the server's OpenAPI document (stable key order) to the given file or stdout, so an API
// refactor can be compared before and after: `tsx scripts/dump-openapi.ts out.json`.
import { writeFileSync } from "node:fs";
import { buildServer } from "../src/server/index.js";
import { openTestPglite } from "../src/store/testing.js";

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const store = await openTestPglite();
const app = await buildServer({ store, webRoot: null });
await app.ready();
const text = `${JSON.stringify(sorted(app.swagger()), null, 2)}\n`;
await app.close();
await store.close();
const out = process.argv[2];
if (out) writeFileSync(out, text);
else process.stdout.write(text);
