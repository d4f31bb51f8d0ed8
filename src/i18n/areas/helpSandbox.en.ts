// --help of sandbox and demo.
import type { HelpExample } from './helpCli.en.js';

export const helpSandboxEn = {
  helpSandbox: {
    host: 'Address to listen on (0.0.0.0 to reach it from other machines)',
    port: 'Port to listen on; 0 picks a free port (the first line shows which)',
    state: 'Keep the directory in this JSON file: loaded at start if it exists (then --seed is not used), written after every change and at exit',
    seed: 'Start from this JSON directory (users, tags, customProperties, chats), e.g. fixtures/directory.json',
    adminToken: 'Token of the workspace Owner (role admin, every scope); random when not given',
    botToken: 'Token of a bot (read scopes only; sees email and phone as null); random when not given',
    admin2Token: 'Token of a second admin who is NOT the Owner (its PUT/DELETE on the Owner gets 403 owner_protected); none when not given',
    rps: 'Requests per second per token (token bucket, burst = rps); beyond it: 429 with Retry-After',
    latencyMs: 'Delay every API response by this many ms, like a WAN round trip',
    faults: 'Inject faults at these rates (0..1), e.g. 5xx=0.05,reset=0.02: 5xx (500/502/503, no work done), reset (connection dropped, no work), lost (work done, answer dropped), slow (answer held for --slow-ms)',
    faultSeed: 'Seed for the fault dice, so a run with faults is reproducible',
    slowMs: 'How long the "slow" fault holds the answer, in ms',
    legacyPagination: 'Paginate like older servers: only next_page, the end is an empty page',
    plan: 'The workspace\'s plan: only "corporation" keeps a security log; with "other" GET /audit_events answers 402 payment_required',
    owner403: "Body of the 403 another admin's PUT/DELETE on the Owner gets: oauth ({error, error_description}, as the users methods document it) or api (ApiError owner_protected)",
    shortPages: 'Serve pages shorter than limit and empty pages with has_next: true mid-list (the docs allow both)',
    putDefaults: 'A PUT /users field left out takes its spec default (suspended: false restores a suspended person)',
    seats: 'Paid seats: creates and restores beyond this many active people get 422 licenses_limit',
    seatsDefault: 'no limit',
    unpaid: 'The workspace is unpaid: every API method answers 402 payment_required',
    examples: [
      ['$0 sandbox', 'Empty workspace (Owner, one bot, custom properties Город/Табельный номер/Дата выхода) on http://127.0.0.1:8787'],
      ['$0 sandbox --seed fixtures/directory.json --state sandbox-state.json', 'Realistic demo company; changes survive a restart'],
      ['$0 sandbox --port 0 --admin-token dev-admin --bot-token dev-bot', 'A free port and fixed tokens'],
      ['$0 sandbox --seats 10 --short-pages --put-defaults', 'A workspace with 10 paid seats that pages and defaults as strictly as the docs allow'],
      ['$0 sandbox --rps 10 --latency-ms 80 --faults 5xx=0.05,reset=0.02,lost=0.02,slow=0.01 --fault-seed 7', 'A hostile network for testing retries'],
    ] as HelpExample[],
    epilogue: 'The first line printed is "Pachca sandbox listening on http://HOST:PORT/api/shared/v1", then the tokens it accepts; '
      + 'point the tool at it with --api-url (or PACHCA_API_URL) and the admin token. Runs until Ctrl+C (SIGINT) or SIGTERM, then saves --state.\n\n'
      + 'Operator endpoints (outside the API path): POST /__sandbox/reset (back to --seed or the empty workspace, stats cleared), GET /__sandbox/stats, '
      + 'GET /__sandbox/directory, GET /__sandbox/requests, GET /__sandbox/outbox (invitation e-mails sent), '
      + 'POST /__sandbox/accept-invites (all pending invites, or {"emails": [...]}), '
      + 'POST /__sandbox/configure with JSON such as {"rps": 10, "latencyMs": 50, "faults": "5xx=0.1", "faultSeed": 1, "slowMs": 2000, "legacyPagination": true, '
      + '"owner403": "api", "shortPages": true, "putDefaults": true, "seats": 10, "unpaid": false}. '
      + 'They answer only requests addressed to 127.0.0.1, localhost or [::1] (or --host) with this port, from no other web origin; a POST needs Content-Type: application/json.',
  },
  helpDemo: {
    out: 'Run folder for the import report and the export',
    examples: [
      ['$0 demo', 'In-process sandbox on a free port: import fixtures/hires-ru.xlsx, then export the directory to directory-export.xlsx in the run folder'],
    ] as HelpExample[],
  },
};
