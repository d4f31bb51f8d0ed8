// Counted words and the words for the tool's enum values (files and JSON keep the English values).
import { plural } from '../plural.js';

export const wordsEn = {
  people: (count: number) => plural('en', count, { one: 'person', other: 'people' }),
  rows: (count: number) => plural('en', count, { one: 'row', other: 'rows' }),
  changes: (count: number) => plural('en', count, { one: 'change', other: 'changes' }),

  // Words for the tool's enum values (the files and JSON keep the English values).
  results: {
    created: 'created', updated: 'updated', renamed: 'renamed', unchanged: 'unchanged', suspended: 'suspended', restored: 'restored',
    deleted: 'deleted', 'status set': 'status set', 'status cleared': 'status cleared', skipped: 'skipped', invalid: 'invalid', failed: 'failed',
  },
  // English reports keep the plan's own action names.
  actions: {
    'create-tag': 'create-tag', 'rename-tag': 'rename-tag', 'delete-tag': 'delete-tag', create: 'create', update: 'update', unchanged: 'unchanged',
    suspend: 'suspend', restore: 'restore', delete: 'delete', 'set-status': 'set-status', 'clear-status': 'clear-status', skip: 'skip', invalid: 'invalid',
  },
  /** The action of an offboarding item (a suspend that also takes the person out of every tag). */
  actionOffboard: 'offboard',
  yes: 'yes',
  no: 'no',
  none: '(none)',
};
