import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { memoryIo } from "./io.js";
import { main } from "./main.js";

/**
 * The README's `$ npx termsight …` examples run from a clone and print what the README shows.
 * Understood shell: `| head -N`, `> /dev/null`, `; echo $?` (and `$ echo $?` on its own line).
 * A shown line may end in an annotation after two spaces and `#`.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(new URL("README.md", `file://${ROOT}`), "utf8");

interface Example {
  command: string;
  shown: string[];
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const block of readme.matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: Example | null = null;
    for (const line of (block[1] as string).split("\n")) {
      if (line.startsWith("$ ")) {
        if (line === "$ echo $?" && current) {
          current.command += "; echo $?";
          continue;
        }
        current = { command: line.slice(2), shown: [] };
        if (current.command.startsWith("npx termsight ")) out.push(current);
      } else if (current && line !== "") {
        current.shown.push(line.replace(/\s{2,}#.*$/, ""));
      }
    }
  }
  return out;
}

async function run(command: string): Promise<string[]> {
  let rest = command.slice("npx termsight ".length);
  const echo = rest.endsWith("; echo $?");
  if (echo) rest = rest.slice(0, -"; echo $?".length);
  const head = /\s*\|\s*head -(\d+)$/.exec(rest);
  if (head) rest = rest.slice(0, head.index);
  const quiet = rest.endsWith("> /dev/null");
  if (quiet) rest = rest.slice(0, -"> /dev/null".length);
  const io = memoryIo("", ROOT);
  const code = await main(rest.trim().split(/\s+/), io);
  let lines = quiet ? [] : io.out.split("\n");
  if (head) lines = lines.slice(0, Number(head[1]));
  return [
    ...lines.filter((l) => l !== ""),
    ...io.err.split("\n").filter((l) => l !== ""),
    ...(echo ? [String(code)] : []),
  ];
}

describe("README examples", () => {
  const list = examples();
  it("has examples", () => {
    expect(list.length).toBeGreaterThanOrEqual(6);
  });
  it.each(list.map((e) => [e.command, e] as const))("%s", async (_command, example) => {
    const printed = (await run(example.command)).map((l) => l.trimEnd());
    expect(printed.filter((l) => l.trim() !== "")).toEqual(example.shown.map((l) => l.trimEnd()));
  });
});
