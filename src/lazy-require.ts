// A CommonJS package loaded on its first use instead of at start: for the big ones (exceljs,
// libphonenumber's metadata, iconv-lite's code pages) that most runs need late or never.
import { createRequire } from 'node:module';

export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(import.meta.url)(name) as T);
}
