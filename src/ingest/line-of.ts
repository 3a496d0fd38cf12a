/** The 1-based line of a character offset (JavaScript string index) in `text`; clamped to the text. */
export function lineOf(text: string, offset: number): number {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let i = text.indexOf("\n");
  while (i !== -1 && i < end) {
    line++;
    i = text.indexOf("\n", i + 1);
  }
  return line;
}
