// Cursor pagination as the API does it: opaque cursors, limit 1..50, `next_page` never null and
// on the last page pointing at an empty page that answers the same cursor.
import type { PaginationMeta } from '../pachca/types.js';
import { apiError } from './errors.js';
import { upperBound } from './sorted-ids.js';

/** `held`: a --short-pages cursor that already answered one empty page at this position. */
type Cursor = { after: number; held?: true } | { before: number };

export interface PageQuery {
  limit: number;
  cursor: Cursor | undefined;
  rawCursor: string | undefined;
}

export const MAX_LIMIT = 50;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object') {
      const { after, before } = parsed as { after?: unknown; before?: unknown };
      if (Number.isSafeInteger(after)) return (parsed as { held?: unknown }).held === true ? { after: after as number, held: true } : { after: after as number };
      if (Number.isSafeInteger(before)) return { before: before as number };
    }
  } catch {
    // falls through to the error below
  }
  throw apiError(400, 'cursor', 'invalid', 'Некорректный курсор', raw);
}

export function parsePageQuery(params: URLSearchParams): PageQuery {
  const rawLimit = params.get('limit');
  let limit = MAX_LIMIT;
  if (rawLimit !== null) {
    limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw apiError(400, 'limit', 'invalid', `limit должен быть от 1 до ${MAX_LIMIT}`, rawLimit);
    }
  }
  const rawCursor = params.get('cursor') ?? undefined;
  return { limit, cursor: rawCursor ? decodeCursor(rawCursor) : undefined, rawCursor: rawCursor || undefined };
}

export interface Page {
  ids: number[];
  meta: PaginationMeta;
}

/** --short-pages: a page size below the limit that varies with the position (3..19 at limit 50). */
function shortPageSize(start: number, limit: number): number {
  return Math.max(1, Math.min(limit, 3 + (start % 17)));
}

/**
 * One page over ascending ids. `legacy` answers only `next_page` (old servers; `query` search),
 * where the end shows as an empty page. `short` serves pages shorter than the limit and, in
 * answers with has_next, an empty page (has_next true) before every other page mid-list, as
 * docs/api/pagination.mdx allows.
 */
export function pageOf(sortedIds: readonly number[], query: PageQuery, legacy: boolean, short = false): Page {
  let start: number;
  let end: number;
  if (query.cursor && 'before' in query.cursor) {
    end = upperBound(sortedIds, query.cursor.before - 1);
    start = Math.max(0, end - query.limit);
  } else {
    start = query.cursor ? upperBound(sortedIds, query.cursor.after) : 0;
    end = Math.min(sortedIds.length, start + (short ? shortPageSize(start, query.limit) : query.limit));
    const held = query.cursor !== undefined && 'held' in query.cursor;
    if (short && !legacy && query.cursor !== undefined && !held && start < sortedIds.length && start % 2 === 0) {
      const after = (query.cursor as { after: number }).after;
      return {
        ids: [],
        meta: { paginate: { next_page: encodeCursor({ after, held: true }), prev_page: encodeCursor({ before: after + 1 }), has_next: true, has_prev: start > 0 } },
      };
    }
  }
  const ids = sortedIds.slice(start, end);
  const first = ids[0];
  const last = ids[ids.length - 1];
  let nextPage: string;
  let prevPage: string;
  if (first === undefined || last === undefined) {
    const after = query.cursor && 'after' in query.cursor ? query.cursor.after : 0;
    nextPage = query.rawCursor ?? encodeCursor({ after });
    prevPage = encodeCursor({ before: after + 1 });
  } else {
    nextPage = encodeCursor({ after: last });
    prevPage = encodeCursor({ before: first });
  }
  if (legacy) return { ids, meta: { paginate: { next_page: nextPage } } };
  return {
    ids,
    meta: {
      paginate: {
        next_page: nextPage,
        prev_page: prevPage,
        has_next: ids.length > 0 && end < sortedIds.length,
        has_prev: ids.length > 0 ? start > 0 : query.cursor !== undefined && sortedIds.length > 0 && start > 0,
      },
    },
  };
}
