// Apart from security.ts (and hono) so that the CLI checks --key without loading the page's server.
/** A key typed with --key: letters, digits, - and _ (it goes into a URL and a cookie as it is). */
export const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
