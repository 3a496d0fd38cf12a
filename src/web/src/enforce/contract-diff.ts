import { diffLines } from "diff";

/** One line of a version diff: kept, added (only in the newer) or removed (only in the older). */
export interface DiffRow {
  kind: "same" | "added" | "removed";
  /** Line number in the older version (null for an added line). */
  oldLine: number | null;
  /** Line number in the newer version (null for a removed line). */
  newLine: number | null;
  text: string;
}

function splitLines(value: string): string[] {
  const lines = value.split("\n");
  // a trailing newline ends the last line; it does not start an empty one
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The line-by-line difference between two versions of a contract's YAML (jsdiff's line diff). */
export function diffRows(older: string, newer: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(older, newer)) {
    for (const text of splitLines(part.value)) {
      if (part.added) rows.push({ kind: "added", oldLine: null, newLine: newLine++, text });
      else if (part.removed) rows.push({ kind: "removed", oldLine: oldLine++, newLine: null, text });
      else rows.push({ kind: "same", oldLine: oldLine++, newLine: newLine++, text });
    }
  }
  return rows;
}

/**
 * The rows worth showing: every change with `context` unchanged lines around it; a run of
 * unchanged lines further away becomes one gap (`{ gap: n }`).
 */
export function withContext(rows: DiffRow[], context = 3): (DiffRow | { gap: number })[] {
  const near = new Array<boolean>(rows.length).fill(false);
  rows.forEach((r, i) => {
    if (r.kind === "same") return;
    for (let j = Math.max(0, i - context); j <= Math.min(rows.length - 1, i + context); j++) near[j] = true;
  });
  const out: (DiffRow | { gap: number })[] = [];
  let gap = 0;
  rows.forEach((r, i) => {
    if (near[i]) {
      if (gap) out.push({ gap });
      gap = 0;
      out.push(r);
    } else gap++;
  });
  if (gap) out.push({ gap });
  return out;
}

export function countChanges(rows: DiffRow[]): { added: number; removed: number } {
  return {
    added: rows.filter((r) => r.kind === "added").length,
    removed: rows.filter((r) => r.kind === "removed").length,
  };
}
