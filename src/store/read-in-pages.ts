/**
 * Every row a query selects, read `size` rows at a time in `id` order. For background jobs that
 * share the event loop with the API: node-pg parses a result as it arrives, and when thousands of
 * rows arrive at once it parses them in one go (9,000 late tickets: 35 ms in which no request is
 * answered). Each page is its own round trip, so the event loop turns between pages.
 *
 * `page(afterId, size)` selects at most `size` rows with `id > afterId` (all when null), ordered by id.
 */
export async function readInPages<T extends { id: string }>(
  page: (afterId: string | null, size: number) => Promise<T[]>,
  size = 1000,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (;;) {
    const rows = await page(after, size);
    for (const row of rows) all.push(row);
    if (rows.length < size) return all;
    after = rows[rows.length - 1].id;
  }
}
