// The Pachca API sandbox: a node:http server over the in-memory directory, with per-token rate
// limits, latency, seeded faults, operator endpoints (/__sandbox/...) and an optional state file.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  FaultRates, RunningSandbox, SandboxBehaviour, SandboxDirectory, SandboxOptions, SandboxRequestRecord, SandboxSettings, SandboxStats,
} from './api.js';
import { auditActor } from './audit-log.js';
import { SandboxHttpError, apiError, oauthError } from './errors.js';
import { jsonAnswer, readBody, sendAnswer, sendJson as send } from './http.js';
import { allowedHosts, handleOperator } from './operator.js';
import { DEFAULT_BEHAVIOUR, acceptInvites, paymentRequired } from './policies.js';
import { parseSettings, readDirectoryFile } from './schemas.js';
import { ADMIN_SCOPES, BOT_SCOPES, OWNER_SCOPES, matchRoute, type Caller, type RouteContext } from './routes.js';
import { DirectoryStore } from './store.js';
import { RateLimiter, createPrng, normalizeFaults, pickFault } from './traffic.js';
import { defaultDirectory, ensureExtraAdmins } from './workspace.js';

export { readDirectoryFile } from './schemas.js';

export const API_BASE_PATH = '/api/shared/v1';
export const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_SLOW_MS = 35_000;
const REQUEST_LOG_LIMIT = 200_000;
const SAVE_INTERVAL_MS = 200;
const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);

function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

class StatsRecorder {
  requests: Record<string, Record<string, number>> = {};
  total = 0;
  writes = 0;
  rateLimited = 0;
  peakRps = 0;
  log: SandboxRequestRecord[] = [];
  private window: number[] = [];
  private windowStart = 0;

  arrive(method: string, at: number): void {
    this.total += 1;
    if (WRITE_METHODS.has(method)) this.writes += 1;
    this.window.push(at);
    while ((this.window[this.windowStart] as number) <= at - 1000) this.windowStart += 1;
    if (this.windowStart > 4096) {
      this.window = this.window.slice(this.windowStart);
      this.windowStart = 0;
    }
    this.peakRps = Math.max(this.peakRps, this.window.length - this.windowStart);
  }

  finish(record: SandboxRequestRecord): void {
    const byStatus = (this.requests[record.route] ??= {});
    const key = String(record.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    if (record.status === 429) this.rateLimited += 1;
    if (this.log.length < REQUEST_LOG_LIMIT) this.log.push(record);
  }

  snapshot(): SandboxStats {
    return {
      requests: structuredClone(this.requests),
      total: this.total,
      writes: this.writes,
      rate_limited: this.rateLimited,
      peak_rps: this.peakRps,
    };
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const adminToken = options.adminToken || generateToken();
  const botToken = options.botToken || generateToken();
  const extraAdminTokens = [...(options.extraAdminTokens ?? [])];
  const allTokens = [adminToken, botToken, ...extraAdminTokens];
  if (new Set(allTokens).size !== allTokens.length) throw new Error('sandbox tokens must differ from each other');

  // The same bounds as POST /__sandbox/configure (a negative or hours-long latency is refused).
  const settings = parseSettings(settingsOf(options));
  let rps = settings.rps ?? 50;
  let latencyMs = settings.latencyMs ?? 0;
  let slowMs = settings.slowMs ?? DEFAULT_SLOW_MS;
  let legacyPagination = settings.legacyPagination ?? false;
  let faults: FaultRates = normalizeFaults(settings.faults);
  let faultSeed = settings.faultSeed ?? randomBytes(4).readUInt32LE(0);
  let behaviour: Required<SandboxBehaviour> = { ...DEFAULT_BEHAVIOUR, ...behaviourOf(settings) };

  const initialDirectory: SandboxDirectory =
    typeof options.seed === 'string' ? await readDirectoryFile(options.seed) : options.seed ?? defaultDirectory();
  const stateFile = options.stateFile;
  const startingDirectory = stateFile && existsSync(stateFile) ? await readDirectoryFile(stateFile) : initialDirectory;

  const startedAt = new Date().toISOString();
  const storeOptions = { corporationPlan: options.corporationPlan ?? true };
  let store = new DirectoryStore(startingDirectory, storeOptions);
  let callers = new Map<string, Caller>();
  let tokenLabels = new Map<string, string>();
  const bindTokens = (): void => {
    const extraIds = ensureExtraAdmins(store, extraAdminTokens.length);
    callers = new Map();
    tokenLabels = new Map();
    const bind = (token: string, label: string, userId: number, isBot: boolean): void => {
      const scopes = isBot ? BOT_SCOPES : userId === store.ownerId ? OWNER_SCOPES : ADMIN_SCOPES;
      callers.set(token, { token, tokenId: 4800 + callers.size + 1, userId, isBot, scopes, createdAt: startedAt });
      tokenLabels.set(token, label);
    };
    bind(adminToken, 'admin', store.ownerId, false);
    bind(botToken, 'bot', store.botId, true);
    extraAdminTokens.forEach((token, index) => bind(token, `admin${index + 2}`, extraIds[index] as number, false));
  };
  bindTokens();

  let stats = new StatsRecorder();
  const limiter = new RateLimiter(rps);
  let random = createPrng(faultSeed);
  const routeContext = (): RouteContext => ({ store, legacyPagination, behaviour, now: () => new Date() });

  // ---- state file: atomic writes, coalesced while one is in flight ----
  let saving: Promise<void> | undefined;
  let dirty = false;
  const writeState = async (): Promise<void> => {
    if (!stateFile) return;
    const tmp = `${stateFile}.${process.pid}.tmp`;
    await writeFile(tmp, store.toJson());
    await rename(tmp, stateFile);
  };
  const saveLoop = async (): Promise<void> => {
    while (dirty) {
      dirty = false;
      try {
        await writeState();
      } catch (error) {
        process.stderr.write(`Sandbox: could not save state to ${stateFile}: ${(error as Error).message}\n`);
      }
      // Serializing a 20k-user directory blocks the event loop; let bursts of writes pile up a little.
      if (dirty) await sleep(SAVE_INTERVAL_MS);
    }
    saving = undefined;
  };
  const scheduleSave = (): void => {
    if (!stateFile) return;
    dirty = true;
    saving ??= saveLoop();
  };

  // ---- timers that stop() can cut short ----
  let stopped: Promise<void> | undefined;
  const pendingSleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const sleep = (ms: number): Promise<void> => {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          pendingSleeps.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      pendingSleeps.add(entry);
    });
  };

  const sendFault5xx = (response: ServerResponse): number => {
    const status = [500, 502, 503][Math.floor(random() * 3)] as number;
    if (status === 500) {
      send(response, 500, { errors: [{ key: 'base', value: null, message: 'Internal server error', code: 'unhandled', payload: null }] });
    } else {
      const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
      const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
      if (!response.destroyed) {
        response.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) });
        response.end(html);
      }
    }
    return status;
  };

  /**
   * Waits until `deadline` (a performance.now() time): a timer for the bulk, then event-loop turns
   * for the last millisecond, since a timer alone fires up to 2 ms late (it counts whole
   * milliseconds), which would add to every round trip the latency setting stands for.
   */
  const sleepUntil = async (deadline: number): Promise<void> => {
    const bulk = Math.floor(deadline - performance.now()) - 1;
    if (bulk > 0) await sleep(bulk);
    while (stopped === undefined && performance.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  };

  const handleApi = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const at = Date.now();
    // The latency counts from arrival: reading the body and the handler's own turns are part of it, not added to it.
    const arrived = performance.now();
    const answerAt = (): Promise<void> => sleepUntil(arrived + latencyMs);
    const method = request.method ?? 'GET';
    stats.arrive(method, at);
    const path = url.pathname.slice(API_BASE_PATH.length) || '/';
    const match = matchRoute(method, path);
    const route = `${method} ${'route' in match ? match.route.template : match.template ?? '(unknown)'}`;
    const authorization = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const tokenLabel = token === undefined ? 'none' : tokenLabels.get(token) ?? 'unknown';
    const finish = (status: SandboxRequestRecord['status']): void => stats.finish({ at, method, route, status, token: tokenLabel });
    const answer = (status: number, body: unknown, headers?: Record<string, string>): void => {
      send(response, status, body, headers);
      finish(status);
    };

    const maxBodyBytes = ('route' in match ? match.route.maxBodyBytes : undefined) ?? MAX_BODY_BYTES;
    const body = await readBody(request, maxBodyBytes);
    if (body.tooLarge) {
      answer(413, { errors: [{ key: 'body', value: null, message: `Тело запроса больше ${maxBodyBytes} байт`, code: 'too_long', payload: null }] }, { connection: 'close' });
      return;
    }
    const retryAfter = limiter.take(token ?? '', at);
    if (retryAfter > 0) {
      await answerAt();
      answer(429, apiError(429, 'base', 'rate_limit', 'Достигнут лимит запросов', null).body, { 'retry-after': String(retryAfter) });
      return;
    }
    const fault = pickFault(faults, random());
    if (fault === '5xx' || fault === 'reset') {
      await answerAt();
      if (fault === '5xx') finish(sendFault5xx(response));
      else {
        request.socket.destroy();
        finish('reset');
      }
      return;
    }

    let status: number;
    let payload: unknown;
    let headers: Record<string, string> | undefined;
    try {
      if (!('route' in match)) throw apiError(404, 'path', 'not_found', `Нет такого метода: ${method} ${path}`, path);
      const caller = token === undefined ? undefined : callers.get(token);
      if (!caller) {
        throw token === undefined
          ? oauthError(401, 'invalid_token', 'Access token is missing')
          : oauthError(401, 'invalid_token', 'Access token is invalid');
      }
      if (behaviour.unpaid) throw paymentRequired();
      // permissions.mdx: a token of a suspended person gets 403 access_denied.
      if (store.getUser(caller.userId)?.suspended) throw apiError(403, 'base', 'access_denied', 'Доступ запрещён: владелец токена деактивирован');
      if (match.route.scope && !caller.scopes.includes(match.route.scope)) {
        throw oauthError(403, 'insufficient_scope', `Insufficient scope. Required: ${match.route.scope}`);
      }
      let parsedBody: unknown;
      const multipart = match.route.body === 'multipart';
      const upload = multipart ? { contentType: request.headers['content-type'] ?? '', bytes: body.bytes } : undefined;
      if (!multipart && body.text.trim() !== '') {
        try {
          parsedBody = JSON.parse(body.text);
        } catch {
          throw apiError(400, 'body', 'invalid', 'Тело запроса не является корректным JSON');
        }
      }
      const actor = auditActor(caller.userId, request.socket.remoteAddress, request.headers['user-agent']);
      const result = store.audit.as(actor, () => match.route.handle({ params: match.params, query: url.searchParams, body: parsedBody, upload, caller }, routeContext()));
      status = result.status;
      payload = result.body;
      if (WRITE_METHODS.has(method) && status < 300) scheduleSave();
    } catch (error) {
      if (!(error instanceof SandboxHttpError)) throw error;
      status = error.status;
      payload = error.body;
      headers = error.headers;
    }
    // The server's own work (the handler, the JSON) happens inside the round trip, as it does on
    // the real service: a measured round trip includes it, so it is not added on top.
    const built = jsonAnswer(status, status === 204 ? undefined : payload, headers);
    await answerAt();
    if (fault === 'lost') {
      request.socket.destroy();
      finish('lost');
      return;
    }
    if (fault === 'slow') await sleep(slowMs);
    sendAnswer(response, built);
    finish(status);
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://sandbox.local');
    const isApi = url.pathname === API_BASE_PATH || url.pathname.startsWith(`${API_BASE_PATH}/`);
    const work = url.pathname.startsWith('/__sandbox/')
      ? handleOperator(request, response, url, handle, operatorHosts)
      : isApi
        ? handleApi(request, response, url)
        : readBody(request, MAX_BODY_BYTES).then(() =>
            send(response, 404, { errors: [{ key: 'path', value: url.pathname, message: `API живёт под ${API_BASE_PATH}`, code: 'not_found', payload: null }] }),
          );
    work.catch((error: unknown) => {
      process.stderr.write(`Sandbox: internal error: ${(error as Error).stack ?? String(error)}\n`);
      send(response, 500, { errors: [{ key: 'base', value: null, message: 'Internal sandbox error', code: 'unhandled', payload: null }] });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${port}`;
  const operatorHosts = allowedHosts(host, port);
  if (stateFile && !existsSync(stateFile)) scheduleSave();

  const handle: RunningSandbox = {
    url: `${origin}${API_BASE_PATH}`,
    origin,
    adminToken,
    botToken,
    extraAdminTokens,
    directory: () => store.toDirectory(),
    stats: () => stats.snapshot(),
    requestLog: () => [...stats.log],
    reset: () => {
      store = new DirectoryStore(initialDirectory, storeOptions);
      bindTokens();
      stats = new StatsRecorder();
      limiter.clear();
      random = createPrng(faultSeed);
      scheduleSave();
    },
    outbox: () => structuredClone(store.outbox),
    acceptInvites: (emails) => {
      const accepted = acceptInvites(store, emails, new Date());
      if (accepted > 0) scheduleSave();
      return accepted;
    },
    configure: (input) => {
      const changes = parseSettings(input);
      if (changes.faults !== undefined) faults = normalizeFaults(changes.faults);
      behaviour = { ...behaviour, ...behaviourOf(changes) };
      if (changes.rps !== undefined) {
        rps = changes.rps;
        limiter.setRate(rps);
      }
      if (changes.latencyMs !== undefined) latencyMs = changes.latencyMs;
      if (changes.legacyPagination !== undefined) legacyPagination = changes.legacyPagination;
      if (changes.slowMs !== undefined) slowMs = changes.slowMs;
      if (changes.faultSeed !== undefined) {
        faultSeed = changes.faultSeed;
        random = createPrng(faultSeed);
      }
    },
    stop: () => {
      stopped ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        for (const entry of pendingSleeps) {
          clearTimeout(entry.timer);
          entry.resolve();
        }
        pendingSleeps.clear();
        await closed;
        if (saving) await saving;
        if (stateFile) await writeState();
      })();
      return stopped;
    },
  };
  return handle;
}

/** The behaviour switches given in options or settings (undefined ones left out). */
function behaviourOf(settings: SandboxSettings): SandboxBehaviour {
  const picked: SandboxBehaviour = {};
  if (settings.owner403 !== undefined) picked.owner403 = settings.owner403;
  if (settings.shortPages !== undefined) picked.shortPages = settings.shortPages;
  if (settings.putDefaults !== undefined) picked.putDefaults = settings.putDefaults;
  if (settings.seats !== undefined) picked.seats = settings.seats;
  if (settings.unpaid !== undefined) picked.unpaid = settings.unpaid;
  return picked;
}

/** The options that are also settings (undefined ones left out, so the schema sees only what was given). */
function settingsOf(options: SandboxOptions): SandboxSettings {
  const keys = ['faults', 'rps', 'latencyMs', 'slowMs', 'legacyPagination', 'faultSeed', 'owner403', 'shortPages', 'putDefaults', 'seats', 'unpaid'] as const;
  return Object.fromEntries(keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]])) as SandboxSettings;
}
