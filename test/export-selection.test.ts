// The export's selection, gathered user by user as pages arrive (ExportSelector), is what the
// filters keep of the whole snapshot: checked against a plain reading of the rules on random
// directories (membership by tag name then user id, tag counts over people, bots left out).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupTag, User } from '../src/pachca/types.js';
import { ExportSelector, selectForExport, type ExportFilter } from '../src/reports/export.js';
import { blankUser } from '../src/sandbox/workspace.js';
import { buildDirectory } from '../src/sync/directory.js';

// 'ёлка' and its decomposed spelling, and 'Sales' with a zero-width space, compare equal though they are different tags.
const TAG_NAMES = ['Продажи', 'продажи 2', 'Маркетинг', 'IT', 'Бухгалтерия', 'ёлка', 'е\u0308лка', 'Sales', 'Sa\u200Bles'];

function reference(users: User[], tags: GroupTag[], filter: ExportFilter) {
  const byName = new Map(tags.map((tag) => [tag.name.toLowerCase(), tag]));
  const tagsOf = (user: User): GroupTag[] => user.list_tags.map((name) => byName.get(name.toLowerCase())).filter((tag): tag is GroupTag => tag !== undefined);
  const only = filter.tag === undefined ? undefined : byName.get(filter.tag.toLowerCase());
  const people = filter.includeBots ? users : users.filter((user) => !user.bot);
  const kept = people.filter((user) => (filter.department === undefined || (user.department ?? '').toLowerCase() === filter.department.toLowerCase())
    && (!only || tagsOf(user).some((tag) => tag.id === only.id)));
  // A tag's place: how many tags' names sort before it (names that compare equal share one).
  const place = (id: number): number => { const name = tags.find((tag) => tag.id === id)!.name; return tags.filter((tag) => tag.name.localeCompare(name) < 0).length; };
  const membership = kept.flatMap((user) => tagsOf(user).filter((tag) => !only || tag.id === only.id).map((tag) => ({ tag: tag.id, user: user.id })))
    .sort((a, b) => place(a.tag) - place(b.tag) || a.user - b.user || a.tag - b.tag);
  const counts = tags.map((tag) => ({
    tag: tag.id,
    active: people.filter((user) => !user.suspended && tagsOf(user).some((own) => own.id === tag.id)).length,
    suspended: people.filter((user) => user.suspended && tagsOf(user).some((own) => own.id === tag.id)).length,
  }));
  return { users: kept.map((user) => user.id), membership, counts, botsExcluded: users.length - people.length };
}

describe('the export selection gathered user by user', () => {
  it('is what the filters keep of the whole directory', () => {
    // Ids against the list's order, so a tie broken by list order and one broken by id differ.
    const tags: GroupTag[] = TAG_NAMES.map((name, index) => ({ id: 200 - index, name, users_count: 0 }));
    const person = fc.record({
      tagIndexes: fc.uniqueArray(fc.integer({ min: 0, max: TAG_NAMES.length - 1 }), { maxLength: 4 }),
      bot: fc.boolean(),
      suspended: fc.boolean(),
      department: fc.constantFrom('Продажи', 'ИТ', null),
    });
    const filter = fc.record({
      includeBots: fc.boolean(),
      tag: fc.option(fc.constantFrom('продажи', 'IT', 'ЁЛКА'), { nil: undefined }),
      department: fc.option(fc.constantFrom('продажи', 'ит'), { nil: undefined }),
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.array(person, { maxLength: 40 }), filter, (people, exportFilter) => {
      // Server order is by id, but a page may come back in any order: shuffle the ids.
      const users = people.map((fields, index) => blankUser(1000 + ((index * 7) % 41), {
        nickname: `u${index}`, created_at: '2026-01-01T00:00:00.000Z', bot: fields.bot, suspended: fields.suspended,
        department: fields.department, list_tags: fields.tagIndexes.map((tagIndex) => TAG_NAMES[tagIndex]!),
      }));
      const unique = [...new Map(users.map((user) => [user.id, user])).values()];
      const directory = buildDirectory(unique, tags, []);
      const selector = new ExportSelector(directory, exportFilter);
      for (const user of unique) selector.add(user);
      const gathered = selector.selection();
      const expected = reference(unique, tags, exportFilter);
      expect(gathered.users.map((user) => user.id)).toEqual(expected.users);
      expect(gathered.membership.map((row) => ({ tag: row.tag.id, user: row.user.id }))).toEqual(expected.membership);
      expect(gathered.tags.map((row) => ({ tag: row.tag.id, active: row.activeMembers, suspended: row.suspendedMembers }))).toEqual(expected.counts);
      expect(gathered.botsExcluded).toBe(expected.botsExcluded);
      expect(selectForExport(directory, exportFilter)).toEqual(gathered);
    }), { numRuns: 200 });
  });
});
