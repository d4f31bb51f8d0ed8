// The client's chat, chat member, chat tag and avatar methods: against the sandbox (the requests
// each sends, pagination, multipart uploads, typed errors) and against scripted local servers
// (a retried upload sends its file again; an add whose answer was lost is sent again, once).
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PachcaClient } from '../src/pachca/client.js';
import { ApiError, AuthError } from '../src/pachca/errors.js';
import type { Chat, User } from '../src/pachca/types.js';
import type { RunningSandbox, SandboxDirectory } from '../src/sandbox/api.js';
import { startTestSandbox } from './helpers/sandbox.js';

const seed = JSON.parse(readFileSync(new URL('../fixtures/directory.json', import.meta.url), 'utf8')) as SandboxDirectory;
const image = (name: string): Buffer => readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('against the sandbox', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ seed });
  });
  beforeEach(() => sandbox.reset());
  afterAll(() => sandbox.stop());

  const client = (token = sandbox.adminToken): PachcaClient => new PachcaClient({ apiUrl: sandbox.url, token, rps: 1000, concurrency: 5 }, { retryMinDelayMs: 10 });
  const routes = (): string[] => sandbox.requestLog().map((record) => `${record.route} ${record.status}`);
  const chatOf = (id: number): Chat => sandbox.directory().chats.find((chat) => chat.id === id) as Chat;

  it('listChats walks every page with the filters, also through short and empty pages', async () => {
    sandbox.configure({ shortPages: true });
    try {
      const chats = await collect(client().listChats({ availability: 'public', archived: true, order: 'asc' }));
      expect(chats.map((chat) => chat.id)).toEqual([501, 504, 506]);
      expect((await collect(client().listChats())).map((chat) => chat.name)).toEqual(['Новости компании', 'Гости проекта', 'Общий']);
    } finally {
      sandbox.configure({ shortPages: false });
    }
    expect(routes().every((route) => route === 'GET /chats 200')).toBe(true);
  });

  it('getChat and listChatMembers (with the role filter) answer the sandbox\'s data; a closed chat is a row-level refusal', async () => {
    expect(await client().getChat(501)).toMatchObject({ id: 501, name: 'Общий', public: true });
    // The Owner is not in 503: the chat is hidden (403 forbidden, not fatal), its members are not.
    const hidden = await caught(client().getChat(503));
    expect(hidden).toBeInstanceOf(ApiError);
    expect(hidden).not.toBeInstanceOf(AuthError);
    const members: User[] = await collect(client().listChatMembers(503));
    expect(members.map((user) => user.id)).toEqual(chatOf(503).member_ids);
    expect((await collect(client().listChatMembers(503, 'owner'))).map((user) => user.id)).toEqual([10]);
  });

  it('adds and removes members and tags with one request each', async () => {
    const api = client();
    await api.addChatMembers(502, [11, 12], { silent: true });
    await api.removeChatMember(502, 12);
    await api.addChatGroupTags(502, [9103]);
    await api.removeChatGroupTag(502, 9103);
    expect(routes()).toEqual([
      'POST /chats/{id}/members 204', 'DELETE /chats/{id}/members/{user_id} 204',
      'POST /chats/{id}/group_tags 204', 'DELETE /chats/{id}/group_tags/{tag_id} 204',
    ]);
    expect(chatOf(502).member_ids).toContain(11);
    expect(chatOf(502).member_ids).not.toContain(12);
    expect(chatOf(502).member_ids).toContain(28); // an HR tag member, brought in by the tag
  });

  it('setAvatar uploads the bytes as multipart/form-data; deleteAvatar clears the photo', async () => {
    const api = client();
    const { image_url: url } = await api.setAvatar(11, image('m.ivanova@example.ru.png'), 'image/png');
    expect(url).toMatch(/\.png$/);
    expect((await api.getUser(11)).image_url).toBe(url);
    expect((await api.setAvatar(10, image('a.smirnov@example.ru.jpg'), 'image/jpeg')).image_url).toMatch(/\.jpg$/);
    await api.deleteAvatar(11);
    expect((await api.getUser(11)).image_url).toBeNull();
    expect(routes().filter((route) => route.includes('avatar'))).toEqual([
      'PUT /users/{user_id}/avatar 200', 'PUT /users/{user_id}/avatar 200', 'DELETE /users/{user_id}/avatar 204',
    ]);
  });

  it('refusals are typed: a bad image is an ApiError of that upload, a bot token an AuthError (scope)', async () => {
    const bad = await caught(client().setAvatar(11, image('e.popova@example.ru.png'), 'image/png'));
    expect(bad).toBeInstanceOf(ApiError);
    expect((bad as ApiError).item('invalid')?.key).toBe('image');
    expect(await caught(client(sandbox.botToken).setAvatar(11, image('m.ivanova@example.ru.png'), 'image/png'))).toBeInstanceOf(AuthError);
    expect(routes().filter((route) => route.startsWith('PUT'))).toHaveLength(2);
  });
});

describe('against scripted servers', () => {
  const servers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((close) => close()));
  });

  async function serve(handler: (index: number, body: Buffer, contentType: string, res: ServerResponse) => void): Promise<{ url: string; bodies: Buffer[] }> {
    const bodies: Buffer[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks));
        handler(bodies.length, Buffer.concat(chunks), req.headers['content-type'] ?? '', res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(() => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/shared/v1`, bodies };
  }

  const client = (url: string): PachcaClient => new PachcaClient({ apiUrl: url, token: 'scripted-token-0123456789', rps: 1000, retries: 3 }, { retryMinDelayMs: 5 });

  it('a PUT avatar answered 503 is sent again with the whole file', async () => {
    const photo = image('d.kuznetsov@example.ru.jpeg');
    const { url, bodies } = await serve((index, _body, contentType, res) => {
      expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
      res.writeHead(index === 1 ? 503 : 200, { 'content-type': 'application/json' });
      res.end(index === 1 ? '{}' : JSON.stringify({ data: { image_url: 'https://example.test/a.jpg' } }));
    });
    expect(await client(url).setAvatar(12, photo, 'image/jpeg')).toEqual({ image_url: 'https://example.test/a.jpg' });
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      expect(body.includes(photo)).toBe(true);
      expect(body.toString('latin1')).toContain('name="image"; filename="avatar.jpg"');
      expect(body.toString('latin1')).toContain('Content-Type: image/jpeg');
    }
  });

  it('an add whose answer was lost is sent again (adding twice changes nothing), and "already there" then counts as done', async () => {
    const { url, bodies } = await serve((index, _body, _type, res) => {
      if (index === 1) res.socket?.destroy();
      else if (index === 2) {
        res.writeHead(422, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ key: 'member_ids', value: '11', message: 'уже участник', code: 'already_exists', payload: null }] }));
      } else {
        res.writeHead(204).end();
      }
    });
    await client(url).addChatMembers(502, [11]);
    expect(bodies.map((body) => JSON.parse(body.toString('utf8')) as unknown)).toEqual([{ member_ids: [11] }, { member_ids: [11] }]);
  });
});
