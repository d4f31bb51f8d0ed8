// How tests, the demo and the CLI start the sandbox in-process. Implemented in ./server.ts.
import type { AuditEvent, Chat, CustomPropertyDefinition, GroupTag, Message, User } from '../pachca/types.js';

/**
 * A chat of the seed or state file: the spec's Chat, where every field but id and name may be
 * left out (defaults: created by the Owner, the Owner its only member, a closed discussion).
 */
export interface SandboxChat extends Partial<Omit<Chat, 'id' | 'name'>> {
  id: number;
  name: string;
  /** An archived chat: chat_ids naming it and member changes get 422 not_applicable. */
  archived?: boolean;
}

/** One invitation e-mail the service would have sent (GET /__sandbox/outbox). */
export interface SandboxEmail {
  kind: 'invitation';
  to: string;
  user_id: number;
  sent_at: string;
}

/** Documented behaviours with a switch where the documentation allows more than one. */
export interface SandboxBehaviour {
  /**
   * Body of the 403 another admin's PUT/DELETE on the Owner gets: 'oauth' ({error,
   * error_description}, as the users methods' pages document it; the default) or 'api'
   * (ApiError code owner_protected, from the spec's code list).
   */
  owner403?: 'oauth' | 'api';
  /** Pages shorter than `limit` and empty pages with has_next true mid-list, on every list. */
  shortPages?: boolean;
  /** An omitted PUT /users field with a spec default takes it (`suspended: false`). */
  putDefaults?: boolean;
  /** Seats: creates and restores beyond this many active people get 422 licenses_limit; null: no limit. */
  seats?: number | null;
  /** The workspace is unpaid: every API method answers 402 payment_required. */
  unpaid?: boolean;
}

/** The directory the sandbox serves; also the JSON shape of --seed and --state files. */
export interface SandboxDirectory {
  users: User[];
  tags: GroupTag[];
  customProperties: CustomPropertyDefinition[];
  chats: SandboxChat[];
  messages?: Message[];
  /** Id of the workspace Owner (the admin token's user). */
  ownerId?: number;
  /** Id of the bot that the bot token belongs to. */
  botId?: number;
  /** The security log (GET /audit_events): historical events, any order. */
  auditEvents?: AuditEvent[];
}

export interface FaultRates {
  '5xx'?: number;
  reset?: number;
  lost?: number;
  slow?: number;
}

export interface SandboxOptions extends SandboxBehaviour {
  host?: string; // default 127.0.0.1
  port?: number; // default 0 in-process (a free port), 8787 from the CLI
  stateFile?: string;
  seed?: SandboxDirectory | string; // object or path to a JSON file
  adminToken?: string;
  botToken?: string;
  rps?: number; // default 50
  latencyMs?: number; // default 0
  faults?: FaultRates | string; // e.g. '5xx=0.05,reset=0.02'
  faultSeed?: number;
  legacyPagination?: boolean;
  /**
   * false: the workspace is not on the Corporation plan, so it keeps no security log and
   * GET /audit_events answers 402 payment_required (CLI --plan other). Default true.
   */
  corporationPlan?: boolean;
  /** Delay of the `slow` fault in ms (default 35000); tests shorten it. */
  slowMs?: number;
  /**
   * Extra admin tokens that do NOT belong to the Owner (CLI --admin2-token). Each gets its own
   * admin user (admin2@sandbox.local, admin3@...), created when missing; useful to see the
   * Owner protection (403 owner_protected).
   */
  extraAdminTokens?: string[];
}

/** One API request as the sandbox saw it (operator endpoints are not logged). */
export interface SandboxRequestRecord {
  /** Arrival time, ms since the epoch. */
  at: number;
  method: string;
  /** Route template, e.g. "PUT /users/{id}". */
  route: string;
  /** HTTP status, or "reset"/"lost" when the connection was destroyed by a fault. */
  status: number | 'reset' | 'lost';
  /** Which token: "admin" (Owner), "bot", "admin2"..., "unknown" or "none". */
  token: string;
}

export interface SandboxStats {
  requests: Record<string, Record<string, number>>;
  total: number;
  writes: number;
  rate_limited: number;
  peak_rps: number;
}

/** What configure() and POST /__sandbox/configure may change. */
export type SandboxSettings = Pick<SandboxOptions, 'faults' | 'rps' | 'latencyMs' | 'legacyPagination' | 'faultSeed' | 'slowMs'> & SandboxBehaviour;

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:41234/api/shared/v1 */
  url: string;
  /** http://127.0.0.1:41234 (operator endpoints live at /__sandbox/...). */
  origin: string;
  adminToken: string;
  botToken: string;
  /** Tokens of extra (non-owner) admins, in the order given in options.extraAdminTokens. */
  extraAdminTokens: string[];
  /** The live directory (read it in tests; do not mutate). */
  directory(): SandboxDirectory;
  stats(): SandboxStats;
  /** Every API request since start/reset, in arrival order (also GET /__sandbox/requests). */
  requestLog(): SandboxRequestRecord[];
  /** Back to the seed (or the default workspace); clears stats, the request log and rate buckets. */
  reset(): void;
  /** Change fault rates / rps / latency / behaviours while running (tests). */
  configure(options: SandboxSettings): void;
  /** Invitation e-mails sent since start/reset (also GET /__sandbox/outbox). */
  outbox(): SandboxEmail[];
  /** Completes pending invites (all, or those with these e-mails); answers how many. */
  acceptInvites(emails?: string[]): number;
  stop(): Promise<void>;
}
