// The web page's server: hono routes behind the gate (key, Host, Origin, CSP), the page's static
// files (plain ES modules and CSS from the package's web/ folder), and the pages' APIs built on
// the use cases in src/app. The token stays here: the page only ever talks to this server.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join, relative } from 'node:path';
import { packagePath } from '../package-root.js';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { systemClock } from '../app/events.js';
import { makePrivateFolderSync } from '../files/private.js';
import { ApplyJobs } from './apply-jobs.js';
import { changeRoutes } from './change-routes.js';
import { errorAnswer, type WebOptions } from './context.js';
import { importRoutes } from './import-routes.js';
import { readRoutes } from './read-routes.js';
import { gateMiddleware, hostForUrl, isWildcardHost, type Gate } from './security.js';

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Every file under dir by its URL path ("/pages/import.js"); read once at start. */
function staticFiles(dir: string): Map<string, { type: string; body: Uint8Array<ArrayBuffer> }> {
  const files = new Map<string, { type: string; body: Uint8Array<ArrayBuffer> }>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (STATIC_TYPES[extname(name)]) files.set(`/${relative(dir, path).split('\\').join('/')}`, { type: STATIC_TYPES[extname(name)]!, body: new Uint8Array(readFileSync(path)) });
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

export interface WebApp {
  app: Hono;
  jobs: ApplyJobs;
}

/** `staticDir`: the page's files, by default web/ in the package. */
export function createWebApp(options: WebOptions, port: () => number, staticDir = packagePath('web')): WebApp {
  makePrivateFolderSync(options.runsDir);
  const clock = options.clock ?? systemClock;
  const jobs = new ApplyJobs(() => clock.now().getTime());
  const gate: Gate = { key: options.key, host: options.host, port };
  const files = staticFiles(staticDir);
  const index = files.get('/index.html');
  const app = new Hono();
  app.use('*', gateMiddleware(gate));
  app.onError((error, c) => errorAnswer(c, error.message, 500));

  importRoutes(app, options, jobs);
  readRoutes(app, options, jobs);
  changeRoutes(app, options, jobs);

  // The page itself; the key goes into a meta tag for the page's API calls (the cookie is HttpOnly).
  app.get('/', (c) => {
    if (!index) return c.text('the page files are missing from this installation\n', 500);
    c.header('Content-Type', index.type);
    return c.body(Buffer.from(index.body).toString('utf8').replace('__ROSTER_KEY__', options.key));
  });
  app.get('*', (c) => {
    const file = files.get(new URL(c.req.url).pathname);
    if (!file || file === index) return c.text('not found\n', 404);
    c.header('Content-Type', file.type);
    return c.body(file.body);
  });
  return { app, jobs };
}

export interface RunningWebServer {
  url: string;
  port: number;
  /** The address with the key, as printed. */
  entryUrl: string;
  /** Waits for running applies to end (abort options.interrupt first to stop them), then closes. */
  stop(): Promise<void>;
}

/** The host of the printed address: a wildcard is no address to open, this machine's loopback is. */
function browserHost(host: string): string {
  if (!isWildcardHost(host)) return hostForUrl(host);
  return host.includes(':') ? '[::1]' : '127.0.0.1';
}

export async function startWebServer(options: WebOptions, staticDir = packagePath('web')): Promise<RunningWebServer> {
  let port = options.port;
  const { app, jobs } = createWebApp(options, () => port, staticDir);
  const server: ServerType = await new Promise((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(started));
    started.once('error', reject);
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${browserHost(options.host)}:${port}`;
  return {
    url,
    port,
    entryUrl: `${url}/?key=${options.key}`,
    // Applies still running end first (stopped by options.interrupt), so their reports are written.
    stop: async () => {
      await jobs.settled();
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
