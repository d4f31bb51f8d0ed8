// The web page's server, in-process over real HTTP (against the sandbox with the sample company):
// the key, Host and Origin checks, the headers, uploads refused by size and type, the saved plan
// applied exactly (a stale one refused, nothing sent), one apply per run folder, JSON that cannot
// read as markup, and what the Runs page lists.
import { request as httpRequest } from 'node:http';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import { fetchRequestLog } from './helpers/sandbox.js';
import { call, FIXTURES, startTestWeb, type TestWeb } from './helpers/web.js';

let web: TestWeb;

beforeAll(async () => {
  web = await startTestWeb({ maxUploadBytes: 64 * 1024 });
});

afterAll(async () => {
  await web.stop();
});

function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: web.server.port, path, method: 'GET', headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    request.on('error', reject);
    request.end();
  });
}

interface PlanAnswer { run: string; plan: { work: number; counts: Record<string, number>; groups: { kind: string; items: { email?: string; person: string }[] }[] }; files: string[] }

async function upload(name: string, body: Uint8Array | string): Promise<{ status: number; json: unknown }> {
  return call(web, 'POST', `/api/uploads?name=${encodeURIComponent(name)}`, { body, headers: { 'content-type': 'application/octet-stream' } });
}

async function uploadAndPlan(): Promise<PlanAnswer> {
  const uploaded = await upload('hires-ru.xlsx', await readFile(join(FIXTURES, 'hires-ru.xlsx')));
  expect(uploaded.status).toBe(200);
  const { run } = uploaded.json as { run: string };
  const planned = await call(web, 'POST', `/api/runs/${run}/plan`, { json: {} });
  expect(planned.status).toBe(200);
  return planned.json as PlanAnswer;
}

async function writesSent(): Promise<number> {
  return (await fetchRequestLog(web.sandbox)).filter((entry) => entry.method !== 'GET').length;
}

describe('the key', () => {
  it('every request without it gets 403: the page, its files, the API', async () => {
    for (const path of ['/', '/app.js', '/style.css', '/api/config', '/download/template']) {
      const answer = await call(web, 'GET', path, { headers: { cookie: '', 'x-roster-key': '' } });
      expect(answer.status, path).toBe(403);
    }
    expect((await call(web, 'GET', '/?key=wrong-key-0123456789', { headers: { cookie: '' } })).status).toBe(403);
  });

  it('the key in the address sets an HttpOnly SameSite=Strict cookie and leaves the address', async () => {
    const answer = await call(web, 'GET', `/?key=${web.key}`, { headers: { cookie: '' } });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/');
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`pachca_roster_key_${web.server.port}=${web.key}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('the API also needs the key in its header; the cookie alone is not enough', async () => {
    expect((await call(web, 'GET', '/api/config', { headers: { 'x-roster-key': '' } })).status).toBe(403);
    expect((await call(web, 'GET', '/api/config')).status).toBe(200);
  });

  it('the page carries the key for its own calls, never the token, and no inline script', async () => {
    const page = await call(web, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain(web.key);
    expect(page.text).not.toContain(web.sandbox.adminToken);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.text).not.toMatch(/\son\w+=/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const config = await call(web, 'GET', '/api/config');
    expect(config.text).not.toContain(web.sandbox.adminToken);
  });
});

describe('Host and Origin', () => {
  it('another Host (DNS rebinding) gets 403; the loopback names are answered', async () => {
    const cookie = `pachca_roster_key_${web.server.port}=${web.key}`;
    expect((await rawGet('/', { host: `evil.example:${web.server.port}`, cookie })).status).toBe(403);
    expect((await rawGet('/', { host: `localhost:${web.server.port}`, cookie })).status).toBe(200);
    expect((await rawGet('/', { host: `127.0.0.1:${web.server.port}`, cookie })).status).toBe(200);
  });

  it('a request from another site, or a change naming no origin, gets 403', async () => {
    expect((await call(web, 'POST', '/api/audit', { json: {}, headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await call(web, 'GET', '/api/config', { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    const noOrigin = await fetch(`${web.server.url}/api/export`, {
      method: 'POST',
      headers: { cookie: `pachca_roster_key_${web.server.port}=${web.key}`, 'x-roster-key': web.key, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
  });
});

describe('uploads', () => {
  it('a file over the limit is refused with the limit named, and nothing is kept', async () => {
    const answer = await upload('big.csv', new Uint8Array(100 * 1024).fill(0x61));
    expect(answer.status).toBe(413);
    expect((answer.json as { error: string }).error).toBe('Файл больше 0.1 МБ; разделите его или увеличьте --max-upload-mb.');
    const runs = await call(web, 'GET', '/api/runs');
    expect((runs.json as { runs: { input?: string }[] }).runs.some((run) => run.input === 'big.csv')).toBe(false);
  });

  it('only CSV and XLSX are taken, each with a message saying what to do', async () => {
    const pdf = await upload('cv.pdf', '%PDF-1.4');
    expect(pdf.status).toBe(415);
    expect((pdf.json as { error: string }).error).toContain('.csv');
    const xls = await call(web, 'POST', '/api/uploads?name=old.xls', { body: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), headers: { 'content-type': 'application/octet-stream', 'x-roster-lang': 'en' } });
    expect(xls.status).toBe(415);
    expect((xls.json as { error: string }).error).toBe('old.xls is an old Excel .xls workbook: save it as .xlsx (File > Save As > Excel Workbook).');
  });

  it('an upload is checked and kept private in its run folder, and never served back', async () => {
    const answer = await upload('hires-ru.xlsx', await readFile(join(FIXTURES, 'hires-ru.xlsx')));
    expect(answer.status).toBe(200);
    const { run, check } = answer.json as { run: string; check: { rows: number; detected: { sheet: string; headerRow: number }; mapping: { header: string; column: string | null }[] } };
    expect(check.rows).toBe(20);
    expect(check.detected).toMatchObject({ sheet: 'Апрель', headerRow: 4 });
    expect(check.mapping).toContainEqual({ header: 'Эл. почта', column: 'email' });
    const folder = join(web.runsDir, run);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await stat(join(folder, 'hires-ru.xlsx'))).mode & 0o777).toBe(0o600);
    expect((await call(web, 'GET', `/download/runs/${run}/hires-ru.xlsx`)).status).toBe(404);
    expect((await call(web, 'GET', `/download/runs/${run}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('a changed mapping is checked again', async () => {
    const answer = await upload('hires-ru.xlsx', await readFile(join(FIXTURES, 'hires-ru.xlsx')));
    const { run } = answer.json as { run: string };
    const again = await call(web, 'POST', `/api/runs/${run}/check`, { json: { map: ['Город=custom:Город'] } });
    expect(again.status).toBe(200);
    expect((again.json as { check: { mapping: { header: string; column: string | null }[] } }).check.mapping).toContainEqual({ header: 'Город', column: 'custom:Город' });
  });
});

describe('plan and apply', () => {
  it('a stale plan is refused naming what changed, and nothing is sent', async () => {
    const planned = await uploadAndPlan();
    const create = planned.plan.groups.find((group) => group.kind === 'create')!.items[0]!;
    const client = new PachcaClient({ apiUrl: web.sandbox.url, token: web.sandbox.adminToken });
    await client.createUser({ user: { email: create.email!, first_name: 'Someone', last_name: 'Else' } });
    const writesBefore = await writesSent();
    const answer = await call(web, 'POST', `/api/runs/${planned.run}/apply`, { json: {}, headers: { 'x-roster-lang': 'en' } });
    expect(answer.status).toBe(409);
    const body = answer.json as { error: string; stale: boolean };
    expect(body.stale).toBe(true);
    expect(body.error).toMatch(/^The directory changed since this plan was made, so nothing was sent: /);
    expect(body.error).toContain(create.email!);
    expect(await writesSent()).toBe(writesBefore);
  });

  it('a plan is applied exactly, followed as events to the end, its report downloadable', async () => {
    await fetch(`${web.sandbox.origin}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const planned = await uploadAndPlan();
    expect(planned.plan.work).toBeGreaterThan(0);
    const started = await call(web, 'POST', `/api/runs/${planned.run}/apply`, { json: {} });
    expect(started.status).toBe(202);
    const events = await call(web, 'GET', `/events/${planned.run}`);
    const kinds = [...events.text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(kinds[0]).toBe('started');
    expect(kinds.at(-1)).toBe('finished');
    expect(kinds.filter((kind) => kind === 'outcome')).toHaveLength(planned.plan.work);
    const report = await call(web, 'GET', `/download/runs/${planned.run}/report.xlsx`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toContain('attachment; filename="report.xlsx"');
    const runs = (await call(web, 'GET', '/api/runs')).json as { runs: { name: string; state: string; files: string[] }[] };
    expect(runs.runs.find((run) => run.name === planned.run)).toMatchObject({ state: 'applied' });
  });

  it('one apply per run folder: a folder another run holds is refused', async () => {
    const planned = await uploadAndPlan();
    await writeFile(join(web.runsDir, planned.run, 'run.lock'), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), since: new Date().toISOString() }));
    const writesBefore = await writesSent();
    const answer = await call(web, 'POST', `/api/runs/${planned.run}/apply`, { json: {}, headers: { 'x-roster-lang': 'en' } });
    expect(answer.status).toBe(409);
    expect((answer.json as { error: string }).error).toBe('This run is being applied already; wait for it to finish.');
    expect(await writesSent()).toBe(writesBefore);
  });

  it('a plan whose apply started but did not finish is listed as resumable', async () => {
    const planned = await uploadAndPlan();
    await writeFile(join(web.runsDir, planned.run, 'journal.jsonl'), '');
    const runs = (await call(web, 'GET', '/api/runs')).json as { runs: { name: string; state: string; resumable: boolean }[] };
    expect(runs.runs.find((run) => run.name === planned.run)).toMatchObject({ state: 'interrupted', resumable: true });
  });
});

describe('answers that cannot read as markup', () => {
  it('the page\'s scripts never write markup: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval', async () => {
    const { readdir } = await import('node:fs/promises');
    const webDir = join(FIXTURES, '../web');
    const scripts = (await readdir(webDir, { recursive: true })).map(String).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(5);
    for (const file of scripts) {
      const text = await readFile(join(webDir, file), 'utf8');
      expect(text, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
    }
  });

  it('a name with markup comes back escaped in the JSON text and intact once parsed', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const client = new PachcaClient({ apiUrl: web.sandbox.url, token: web.sandbox.adminToken });
    await client.createUser({ user: { email: 'xss.person@example.com', first_name: 'Xss', last_name: name } });
    const answer = await call(web, 'GET', `/api/people?q=${encodeURIComponent('xss.person@example.com')}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(answer.text).not.toContain('<img');
    expect(answer.text).toContain('\\u003cimg');
    expect((answer.json as { people: { last_name: string }[] }).people[0]!.last_name).toBe(name);
  });
});
