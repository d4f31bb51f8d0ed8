import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.js';

function readVersion(): string {
  try {
    const parsed = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
export const VERSION = readVersion();
export const USER_AGENT = `pachca-roster/${VERSION} (+node ${process.versions.node})`;
