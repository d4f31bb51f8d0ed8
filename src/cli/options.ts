// Option groups shared by several commands, so each flag is defined once.
import type { Options } from 'yargs';

export const connectionOptions = {
  'api-url': { type: 'string', describe: 'API base URL (env PACHCA_API_URL; default https://api.pachca.com/api/shared/v1)', group: 'Connection:' },
  token: { type: 'string', describe: 'API token (env PACHCA_TOKEN); prefer --token-file or the env var so it stays out of shell history', group: 'Connection:' },
  'token-file': { type: 'string', describe: 'Read the API token from this file', group: 'Connection:' },
  timeout: { type: 'number', describe: 'Request timeout in seconds (env PACHCA_TIMEOUT)', default: undefined, defaultDescription: '30', group: 'Connection:' },
  rps: { type: 'number', describe: 'Requests per second (the API allows about 50 per token)', default: 50, group: 'Connection:' },
  concurrency: { type: 'string', describe: 'Most requests in flight at once: auto follows the round trip (about rps x latency, 10 to 100, fewer on 429 or a slowing server); a number N caps it at N', default: 'auto', group: 'Connection:' },
  retries: { type: 'number', describe: 'Attempts per request on 429, 5xx, resets and timeouts', default: 5, group: 'Connection:' },
} as const satisfies Record<string, Options>;

export const sheetOptions = {
  sheet: { type: 'string', describe: 'XLSX: the sheet to read (default: the first sheet with data)', group: 'Reading the file:' },
  map: { type: 'string', array: true, describe: 'Map a column: "Рабочий e-mail=email" (repeatable; target is a column name or custom:NAME)', group: 'Reading the file:' },
  mapping: { type: 'string', describe: 'JSON file of {"header": "column"} mappings', group: 'Reading the file:' },
  encoding: { type: 'string', describe: 'CSV encoding: utf-8, utf-16le, utf-16be, windows-1251 (default: detected)', group: 'Reading the file:' },
  delimiter: { type: 'string', describe: 'CSV delimiter: "," ";" "tab" "|" (default: detected)', group: 'Reading the file:' },
  'phone-region': { type: 'string', describe: 'Region for phones without a country code', default: 'RU', group: 'Reading the file:' },
} as const satisfies Record<string, Options>;
