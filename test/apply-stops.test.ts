// A run that stops (402) or runs out of seats mid-apply: requests already queued in the limiter
// are kept unsent by the client's send guard, not just the ones not yet queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import type { RunningSandbox } from '../src/sandbox/api.js';
import { applyPlan } from '../src/sync/apply.js';
import type { JournalWriter } from '../src/sync/journal.js';
import type { Plan, PlanItem } from '../src/sync/plan.js';
import { startTestSandbox } from './helpers/sandbox.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rps: 1000 });
});
afterAll(() => sandbox.stop());

const journal: JournalWriter = { append: () => undefined, close: () => undefined };

function createsPlan(count: number, prefix: string): Plan {
  const items: PlanItem[] = Array.from({ length: count }, (_, index) => ({
    key: `row:${index + 2}`,
    kind: 'create',
    row: index + 2,
    email: `${prefix}${index}@example.ru`,
    changes: [],
    userRequest: { method: 'POST', path: '/users', body: { user: { email: `${prefix}${index}@example.ru` }, skip_email_notify: true } },
  }));
  return { items, counts: {} as Plan['counts'], requiredScopes: [], warnings: [], customColumns: [] };
}

describe('apply stops sending at once', () => {
  it('402 on the first create: the other queued creates are never sent', async () => {
    sandbox.reset();
    let posts = 0;
    // Every item is queued at once; the workspace turns unpaid as the first POST leaves.
    const api = new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken, concurrency: 2, retries: 1 }, {
      onSend: (info) => {
        if (info.method === 'POST' && ++posts === 1) sandbox.configure({ unpaid: true });
      },
    });
    const result = await applyPlan(createsPlan(8, 'unpaid'), api, journal);
    sandbox.configure({ unpaid: false });
    expect(result.fatal?.message).toMatch(/unpaid \(402\)/);
    const sent = sandbox.requestLog().filter((record) => record.method === 'POST');
    // The first POST and at most the one already in flight beside it (concurrency 2).
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(result.outcomes.filter((outcome) => /not attempted/.test(outcome.message ?? ''))).toHaveLength(8 - sent.length);
  });

  it('licenses_limit: queued creates are held back and every create without a seat gets the same reason', async () => {
    sandbox.reset();
    const active = sandbox.directory().users.filter((user) => !user.bot && !user.suspended).length;
    sandbox.configure({ seats: active + 1 });
    try {
      const api = new PachcaClient({ apiUrl: sandbox.url, token: sandbox.adminToken, concurrency: 1, retries: 1 });
      const result = await applyPlan(createsPlan(6, 'seat'), api, journal);
      expect(result.fatal).toBeUndefined();
      expect(result.outcomes.map((outcome) => outcome.result)).toEqual(['created', 'failed', 'failed', 'failed', 'failed', 'failed']);
      expect(new Set(result.outcomes.slice(1).map((outcome) => outcome.message))).toEqual(new Set([expect.stringMatching(/^no free seats: 5 needed/)]));
      expect(sandbox.requestLog().filter((record) => record.method === 'POST').map((record) => record.status)).toEqual([201, 422]);
    } finally {
      sandbox.configure({ seats: null });
    }
  });
});
