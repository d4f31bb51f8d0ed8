// The web page's server speaks the page's language (X-Roster-Lang), in process over real HTTP
// against the sandbox: validation reasons and sheet warnings, the plan's fields by the column
// headers the export writes (the field names kept beside them), the plan's notes, refused
// requests, the one-person change's reason, the audit's findings and chart labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import { call, startTestWeb, type TestWeb } from './helpers/web.js';

let web: TestWeb;

beforeAll(async () => {
  web = await startTestWeb();
});

afterAll(async () => {
  await web.stop();
});

type Lang = 'ru' | 'en';

/** Two columns read as first_name (a warning), a new person, a row with a bad e-mail. */
const SHEET = 'Почта;Фамилия;Имя;First name;Отдел\r\nnew.lang@example.ru;Новикова;Анна;Anna;Продажи\r\nbad-email;Плохов;Иван;Ivan;Продажи\r\n';

interface Check { invalid: { row: number; issues: { message: string }[] }[]; warnings: string[]; columnLabels: Record<string, string> }
interface Change { field: string; label: string; before: string | null; after: string | null }
interface Plan { groups: { kind: string; items: { email?: string; changes: Change[]; message?: string }[] }[] }

async function upload(lang: Lang): Promise<{ run: string; check: Check }> {
  const answer = await call(web, 'POST', '/api/uploads?name=hires.csv', { body: SHEET, headers: { 'content-type': 'application/octet-stream', 'x-roster-lang': lang } });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as { run: string; check: Check };
}

async function plan(run: string, lang: Lang, body: unknown = {}): Promise<{ status: number; json: unknown }> {
  return call(web, 'POST', `/api/runs/${run}/plan`, { json: body, headers: { 'x-roster-lang': lang } });
}

const errorOf = (answer: { json: unknown }): string => (answer.json as { error: string }).error;

describe('the sheet check in the page\'s language', () => {
  it('Russian: the reason, the warning and the column names; English the same answer in English', async () => {
    const russian = await upload('ru');
    expect(russian.check.invalid.map((entry) => entry.row)).toEqual([3]);
    expect(russian.check.invalid[0]!.issues[0]!.message).toMatch(/^неверный адрес почты/);
    expect(russian.check.warnings.join('\n')).toContain('этот столбец не читается');
    expect(russian.check.columnLabels).toMatchObject({ first_name: 'Имя', department: 'Отдел', email: 'Почта', chats: 'Чаты' });

    const english = await upload('en');
    expect(english.check.invalid[0]!.issues[0]!.message).toMatch(/^not a valid email/);
    expect(english.check.warnings.join('\n')).toContain('this column is ignored');
    expect(english.check.columnLabels).toMatchObject({ first_name: 'first_name', department: 'department' });
  });

  it('a file that cannot be read says why in the page\'s language', async () => {
    const headerOnly = await call(web, 'POST', '/api/uploads?name=empty.csv', { body: 'Почта;Имя\r\n', headers: { 'content-type': 'application/octet-stream', 'x-roster-lang': 'ru' } });
    expect(headerOnly.status).toBe(400);
    expect(errorOf(headerOnly)).toBe('empty.csv: нет строк с данными (только заголовок в строке 1)');
    const notWorkbook = await call(web, 'POST', '/api/uploads?name=broken.xlsx', { body: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), headers: { 'content-type': 'application/octet-stream', 'x-roster-lang': 'ru' } });
    expect(notWorkbook.status).toBe(400);
    expect(errorOf(notWorkbook)).toMatch(/^broken\.xlsx: файл повреждён или обрезан/);
  });

  it('a mapping naming no column is refused in the page\'s language', async () => {
    const { run } = await upload('ru');
    const answer = await call(web, 'POST', `/api/runs/${run}/check`, { json: { map: ['Отдел=размер обуви'] }, headers: { 'x-roster-lang': 'ru' } });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toContain('неизвестный столбец «размер обуви»');
  });
});

describe('the plan in the page\'s language', () => {
  it('Russian: fields by the export\'s headers (the names kept beside them), the invalid row\'s reason; English: the names', async () => {
    const { run } = await upload('ru');
    const russian = ((await plan(run, 'ru')).json as { plan: Plan }).plan;
    const create = russian.groups.find((group) => group.kind === 'create')!.items[0]!;
    expect(create.changes).toContainEqual({ field: 'first_name', label: 'Имя', before: null, after: 'Анна' });
    expect(create.changes).toContainEqual({ field: 'department', label: 'Отдел', before: null, after: 'Продажи' });
    expect(russian.groups.find((group) => group.kind === 'invalid')!.items[0]!.message).toMatch(/неверный адрес почты/);

    const english = ((await plan(run, 'en')).json as { plan: Plan }).plan;
    expect(english.groups.find((group) => group.kind === 'create')!.items[0]!.changes).toContainEqual({ field: 'first_name', label: 'first_name', before: null, after: 'Анна' });
    expect(english.groups.find((group) => group.kind === 'invalid')!.items[0]!.message).toMatch(/not a valid email/);
  });

  it('a stale plan is refused naming what changed in Russian', async () => {
    const { run } = await upload('ru');
    const planned = ((await plan(run, 'ru')).json as { run: string; plan: Plan });
    const email = planned.plan.groups.find((group) => group.kind === 'create')!.items[0]!.email!;
    await new PachcaClient({ apiUrl: web.sandbox.url, token: web.sandbox.adminToken }).createUser({ user: { email, first_name: 'Кто-то', last_name: 'Другой' } });
    const refused = await call(web, 'POST', `/api/runs/${planned.run}/apply`, { json: {}, headers: { 'x-roster-lang': 'ru' } });
    expect(refused.status).toBe(409);
    expect(errorOf(refused)).toBe(`Справочник изменился после составления плана, поэтому ничего не отправлено: ${email} уже есть в справочнике`);
    await fetch(`${web.sandbox.origin}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  });

  it('a bad "at most" and a malformed request are refused in Russian', async () => {
    const { run } = await upload('ru');
    const maxSuspend = await plan(run, 'ru', { planOptions: { maxSuspend: 'много' } });
    expect(maxSuspend.status).toBe(400);
    expect(errorOf(maxSuspend)).toBe('«Не больше»: укажите число сотрудников (5) или долю (10%), а не «много».');
    const malformed = await plan(run, 'ru', { planOptions: { createTags: 'да' } });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed)).toMatch(/^planOptions\.createTags: Неверный ввод/);
    expect(errorOf(await plan(run, 'en', { planOptions: { createTags: 'yes' } }))).toMatch(/^planOptions\.createTags: Invalid input/);
  });
});

describe('the Directory card and the audit in the page\'s language', () => {
  it('a value the sheet refuses names the reason in Russian; the plan\'s yes/no in words', async () => {
    const refused = await call(web, 'POST', '/api/people/11/change', { json: { action: 'set', column: 'Телефон', value: '12' }, headers: { 'x-roster-lang': 'ru' } });
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatch(/^Телефон=12: неверный номер телефона/);
    // A use case's own refusal (an input error the catalog words) follows the page too.
    const unknown = await call(web, 'POST', '/api/people/11/change', { json: { action: 'set', column: 'Отдл', value: 'x' }, headers: { 'x-roster-lang': 'ru' } });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)).toMatch(/неизвестн/i);
    const english = await call(web, 'POST', '/api/people/11/change', { json: { action: 'set', column: 'Отдл', value: 'x' }, headers: { 'x-roster-lang': 'en' } });
    expect(errorOf(english)).toMatch(/unknown column/);
    const suspend = await call(web, 'POST', '/api/people/11/change', { json: { action: 'suspend' }, headers: { 'x-roster-lang': 'ru' } });
    expect(suspend.status, suspend.text).toBe(200);
    const item = (suspend.json as { plan: Plan }).plan.groups.find((group) => group.kind === 'suspend')!.items[0]!;
    expect(item.changes).toContainEqual({ field: 'suspended', label: 'Заблокирован', before: 'нет', after: 'да' });
  });

  it('the audit\'s findings, the never-active bar and the no-department bar in Russian', async () => {
    const answer = await call(web, 'POST', '/api/audit', { json: {}, headers: { 'x-roster-lang': 'ru' } });
    expect(answer.status, answer.text).toBe(200);
    const audit = answer.json as { findings: { key: string; title: string; columns: string[] }[]; activity: { label: string }[]; headcount: { department: string }[] };
    expect(audit.findings.find((finding) => finding.key === 'inactive')!.title).toBe('Неактивные');
    expect(audit.activity.map((bucket) => bucket.label)).toContain('никогда');
    expect(audit.activity.map((bucket) => bucket.label)).not.toContain('never');
    expect(audit.headcount.map((entry) => entry.department)).not.toContain('(no department)');
  });
});
