// PlanItem is a union by kind: each kind carries what apply needs of it, and the type checker
// (npm test runs tsc over the tests) refuses an item that lacks it.
import { describe, expect, it } from 'vitest';
import { actionableItems, isTagItem, type Plan, type PlanItem } from '../src/sync/plan.js';

const update: PlanItem = {
  key: 'row:2', kind: 'update', userId: 7, email: 'a@example.ru', changes: [{ field: 'title', before: null, after: 'Юрист' }],
  userRequest: { method: 'PUT', path: '/users/7', userId: 7, body: { user: { title: 'Юрист' } } },
};
const rename: PlanItem = { key: 'tags-row:3', kind: 'rename-tag', tagId: 4, tagName: 'Продажи', changes: [] };
const invalid: PlanItem = { key: 'row:4', kind: 'invalid', changes: [], message: 'email: empty' };

// @ts-expect-error an update without the user it changes
const updateWithoutUser: PlanItem = { key: 'row:5', kind: 'update', changes: [], userRequest: update.userRequest! };
// @ts-expect-error a status-only item without its status request
const statusWithoutRequest: PlanItem = { key: 'row:6', kind: 'set-status', userId: 7, changes: [] };
// @ts-expect-error a tag item does not carry a user request
const tagWithUserRequest: PlanItem = { key: 'tag:x', kind: 'create-tag', tagName: 'x', changes: [], userRequest: update.userRequest! };
// @ts-expect-error an unchanged row sends nothing
const quietWithRequest: PlanItem = { key: 'row:7', kind: 'unchanged', changes: [], statusRequest: { method: 'DELETE', path: '/users/7/status' } };

describe('PlanItem by kind', () => {
  it('tells tag items from user items and keeps only those that send requests', () => {
    expect([update, rename, invalid].map(isTagItem)).toEqual([false, true, false]);
    const plan = { items: [update, rename, invalid] } as Pick<Plan, 'items'> as Plan;
    expect(actionableItems(plan).map((item) => item.key)).toEqual(['row:2', 'tags-row:3']);
    // The refused literals above still exist at run time; they are only there for the checker.
    expect([updateWithoutUser, statusWithoutRequest, tagWithUserRequest, quietWithRequest]).toHaveLength(4);
  });
});
