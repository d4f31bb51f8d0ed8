// takeSnapshot lets the export write while the directory is listed: the lists come first, then
// each page's users while the next page is on its way (not after the whole list), and a listener
// that refuses (an unknown --tag) stops the listing.
import { describe, expect, it } from 'vitest';
import type { PachcaApi } from '../src/pachca/api.js';
import type { CustomPropertyDefinition, GroupTag, User } from '../src/pachca/types.js';
import { blankUser } from '../src/sandbox/workspace.js';
import { takeSnapshot } from '../src/sync/directory.js';

const PAGES = 4;
const PAGE = 3;

function fakeApi(events: string[]): PachcaApi {
  const user = (id: number): User => blankUser(id, { email: `u${id}@example.ru`, nickname: `u${id}`, created_at: '2026-01-01T00:00:00.000Z' });
  const api: Partial<PachcaApi> = {
    async *listUsers() {
      for (let page = 0; page < PAGES; page++) {
        events.push(`page ${page}`);
        await new Promise((resolve) => setImmediate(resolve));
        yield* Array.from({ length: PAGE }, (_, index) => user(page * PAGE + index + 1));
      }
    },
    async *listTags() {
      yield { id: 1, name: 'Backend', users_count: 0 } satisfies GroupTag;
    },
    listCustomProperties: async (): Promise<CustomPropertyDefinition[]> => [],
  };
  return api as PachcaApi;
}

describe('snapshot listener', () => {
  it('hears the lists first, then each page of users while the next one is asked for', async () => {
    const events: string[] = [];
    const directory = await takeSnapshot(fakeApi(events), {
      onLists: (tags) => events.push(`lists ${tags.length}`),
      onUser: (user) => events.push(`user ${user.id}`),
    });
    expect(directory.users).toHaveLength(PAGES * PAGE);
    expect(events.indexOf('lists 1')).toBeLessThan(events.indexOf('user 1'));
    // Page N's users are heard after page N+1 was asked for, and before page N+2 is.
    for (let page = 0; page + 2 < PAGES; page++) {
      const lastUser = events.indexOf(`user ${(page + 1) * PAGE}`);
      expect(lastUser, `page ${page}'s users after page ${page + 1} was asked for`).toBeGreaterThan(events.indexOf(`page ${page + 1}`));
      expect(lastUser, `page ${page}'s users before page ${page + 2}`).toBeLessThan(events.indexOf(`page ${page + 2}`));
    }
    expect(events.filter((event) => event.startsWith('user'))).toEqual(directory.users.map((user) => `user ${user.id}`));
  });

  it('stops listing users when the listener refuses, and fails with its error', async () => {
    const events: string[] = [];
    const refusal = new Error('no tag named "Frontend"');
    await expect(takeSnapshot(fakeApi(events), {
      onLists: () => {
        throw refusal;
      },
    })).rejects.toBe(refusal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events.filter((event) => event.startsWith('page')).length).toBeLessThan(PAGES);
  });
});
