// The token must never reach output. Commands register every secret they learn here,
// and every line the CLI prints goes through redactSecrets as a last line of defence.
const secrets = new Set<string>();

export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 4) secrets.add(secret);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}

/** Forgets every registered secret, as a fresh process starts (tests that run the CLI in process). */
export function forgetSecrets(): void {
  secrets.clear();
}
