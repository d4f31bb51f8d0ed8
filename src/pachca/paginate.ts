// The one iterator over every paginated list. `next_page` is never null on the current API
// (following it past the end gives an empty page and the same cursor). docs/api/pagination.mdx:
// pages may be shorter than `limit` (even empty) before the end, and only `has_next: false` ends
// a list that answers `has_next`. Search answers and older servers have no `has_next` and end
// with an empty page. A missing cursor or one already sent always ends it (no endless loop).
import type { ListResponse } from './types.js';
import type { QueryParams } from './transport.js';

export const PAGE_LIMIT = 50;

export type PageFetcher<T> = (query: QueryParams) => Promise<ListResponse<T> | null>;

export interface PaginateOptions {
  /**
   * Ask for the next page as soon as a page arrives, before its items are handed on, so the
   * cursor chain never waits for the consumer's work. For a consumer that reads every page
   * (one that stops early leaves one page's request unread).
   */
  readAhead?: boolean;
}

export async function* paginate<T>(fetchPage: PageFetcher<T>, query: QueryParams = {}, options: PaginateOptions = {}): AsyncGenerator<T, void, undefined> {
  const sentCursors = new Set<string>();
  const fetchAt = (cursor: string | undefined): Promise<ListResponse<T> | null> => fetchPage({ ...query, limit: PAGE_LIMIT, cursor });
  let page = await fetchAt(undefined);
  for (;;) {
    const items = Array.isArray(page?.data) ? page.data : [];
    const paginate = page?.meta?.paginate;
    const hasNext = typeof paginate?.has_next === 'boolean' ? paginate.has_next : undefined;
    if (items.length === 0 && hasNext === undefined) return;
    const next = paginate && hasNext !== false && typeof paginate.next_page === 'string' && paginate.next_page !== '' ? paginate.next_page : undefined;
    // A missing cursor or one already sent ends the list.
    const more = next !== undefined && !sentCursors.has(next);
    if (more) sentCursors.add(next);
    const ahead = more && options.readAhead ? fetchAt(next) : undefined;
    // A consumer that stops early never reads the page asked for ahead.
    ahead?.catch(() => undefined);
    yield* items;
    if (!more) return;
    page = await (ahead ?? fetchAt(next));
  }
}
