// The one iterator over every paginated list. `next_page` is never null on the current API
// (following it past the end gives an empty page and the same cursor), search answers have no
// `has_next`, and older servers ended only with an empty page, so it stops on whichever comes
// first: has_next === false, an empty page, no cursor, or a cursor it has already sent.
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
    if (items.length === 0) return;
    yield* items;
    const paginate = page?.meta?.paginate;
    if (!paginate || paginate.has_next === false) return;
    const next = typeof paginate.next_page === 'string' && paginate.next_page !== '' ? paginate.next_page : undefined;
    if (next === undefined || sentCursors.has(next)) return;
    sentCursors.add(next);
    cursor = next;
  }
}
