import { createTwoFilesPatch, diffLines } from "diff";

/** The line diff of two extracted texts: a unified patch and counts (shown beside the commitment diff). */
export interface TextDiff {
  added_lines: number;
  removed_lines: number;
  unified: string;
}

function lineCount(value: string): number {
  if (!value) return 0;
  const n = value.split("\n").length;
  return value.endsWith("\n") ? n - 1 : n;
}

export function diffText(before: string, after: string, name = "document"): TextDiff {
  let added = 0;
  let removed = 0;
  for (const part of diffLines(before, after)) {
    if (part.added) added += lineCount(part.value);
    else if (part.removed) removed += lineCount(part.value);
  }
  const unified = createTwoFilesPatch(
    `${name} (before)`,
    `${name} (after)`,
    before,
    after,
    undefined,
    undefined,
    {
      context: 2,
    },
  );
  return { added_lines: added, removed_lines: removed, unified };
}
