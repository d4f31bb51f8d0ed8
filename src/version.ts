import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    const url = new URL('../package.json', import.meta.url);
    const parsed = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const VERSION = readVersion();
export const USER_AGENT = `pachca-roster/${VERSION} (+node ${process.versions.node})`;
