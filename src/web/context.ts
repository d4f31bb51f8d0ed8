// What the web page's routes share: the options it was started with, the language of a request,
// answers as JSON (with `<` `>` `&` escaped, so no value can ever read as markup), and errors
// from the use cases as one clear message.
import type { Context } from 'hono';
import { z } from 'zod';
import { CliError } from '../exit-codes.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { isLang, type Lang } from '../i18n/lang.js';
import type { PachcaApi } from '../pachca/api.js';
import { PachcaError } from '../pachca/errors.js';
import { redactSecrets } from '../redact.js';
import type { Clock } from '../app/events.js';

export interface WebOptions {
  /** The host and port to listen on (0: a free port). */
  host: string;
  port: number;
  /** The secret every request carries. */
  key: string;
  /** Where run folders go (absolute): uploads, plans, journals, reports. Exports and audits go in its exports/ and audits/. */
  runsDir: string;
  maxUploadBytes: number;
  /** A client for one use case (its own request counts); resolves the token, which never leaves the server. */
  connect: () => PachcaApi;
  apiUrl: string;
  defaultLang: Lang;
  /** Shown on the page: a sandbox with the sample company. */
  demo?: boolean;
  /** Stops running applies when the server stops. */
  interrupt?: AbortSignal;
  clock?: Clock;
}

export type WebMessages = Catalog['web'];

export const LANG_HEADER = 'X-Roster-Lang';

export function langOf(c: Context, fallback: Lang): Lang {
  const given = c.req.header(LANG_HEADER) ?? c.req.query('lang');
  return isLang(given) ? given : fallback;
}

export function webMessages(lang: Lang): WebMessages {
  return messages(lang).web;
}

/** `{name}` placeholders filled in. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** JSON text that stays inert even if something reads it as HTML. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function jsonAnswer(c: Context, value: unknown, status: 200 | 202 | 400 | 404 | 409 | 413 | 415 | 500 = 200): Response {
  c.header('Content-Type', 'application/json; charset=utf-8');
  return c.body(safeJson(value), status);
}

/** The request's JSON body; a missing or malformed one reads as `{}` (the schema then names what is missing). */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return {};
  }
}

/** zod's own words in the page's language. */
const ZOD_ERRORS: Record<Lang, z.core.$ZodErrorMap> = { en: z.locales.en().localeError, ru: z.locales.ru().localeError };

/** A request body as its schema reads it, or the first thing wrong with it (named by its field, in `lang`). */
export function parseRequest<T>(schema: z.ZodType<T>, raw: unknown, lang: Lang): { data: T } | { problem: string } {
  const parsed = schema.safeParse(raw ?? {}, { error: ZOD_ERRORS[lang] });
  if (parsed.success) return { data: parsed.data };
  const issue = parsed.error.issues[0];
  return { problem: `${issue?.path.join('.') || messages(lang).webServerRequest}: ${issue?.message ?? ''}` };
}

/** A refusal the person can act on: `{error: message}` (never a stack, never the token). */
export function errorAnswer(c: Context, message: string, status: 400 | 404 | 409 | 413 | 415 | 500 = 400, extra: Record<string, unknown> = {}): Response {
  return jsonAnswer(c, { error: redactSecrets(message), ...extra }, status);
}

/** A use case's refusal in the page's language (the header every call sends), else its English text. */
export function useCaseError(c: Context, error: unknown): Response {
  const t = messages(langOf(c, 'en'));
  if (error instanceof CliError) return errorAnswer(c, error.say(t), 400);
  if (error instanceof PachcaError) return errorAnswer(c, error.say(t), 500);
  const message = error instanceof Error ? error.message : String(error);
  return errorAnswer(c, message, 500);
}
