// The one iterator over every paginated list. `next_page` is never null on the current API
// (following it past the end gives an empty page and the same cursor). docs/api/pagination.mdx:
// pages may be shorter than `limit` (even empty) before the end, and only `has_next: false` ends
// a list that answers `has_next`. Search answers and older servers have no `has_next` and end
// with an empty page. A missing cursor or one already sent always ends it (no endless loop).
import type { ListResponse } from './types.js';
import type { QueryParams } from './transport.js';

export const PAGE_LIMIT = 50;

export type PageFetcher<T> = (query: QueryParams) => Promise<ListResponse<T> | null>;

export async function* paginate<T>(fetchPage: PageFetcher<T>, query: QueryParams = {}): AsyncGenerator<T, void, undefined> {
  const sentCursors = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage({ ...query, limit: PAGE_LIMIT, cursor });
    const items = Array.isArray(page?.data) ? page.data : [];
    const paginate = page?.meta?.paginate;
    const hasNext = typeof paginate?.has_next === 'boolean' ? paginate.has_next : undefined;
    if (items.length === 0 && hasNext === undefined) return;
    yield* items;
    if (!paginate || hasNext === false) return;
    const next = typeof paginate.next_page === 'string' && paginate.next_page !== '' ? paginate.next_page : undefined;
    if (next === undefined || sentCursors.has(next)) return;
    sentCursors.add(next);
    cursor = next;
  }
}
