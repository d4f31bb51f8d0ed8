// Errors of the Pachca API and of the connection to it, as the CLI says them (src/pachca/errors.ts,
// src/pachca/transport.ts). Pachca's own error text (`detail`, `description`) is quoted as given.

export const apiErrorsEn = {
  apiUnpaid: (detail: string) => `the workspace subscription is unpaid (402): ${detail}`,
  apiServerError: (status: number, detail: string) => `server error ${status}: ${detail}`,
  apiTokenLacksScope: (scope: string, code: string) => `token lacks scope ${scope} (${code})`,
  apiTokenRejected: (description: string, code: string) => `token rejected: ${description || 'invalid or expired'} (${code || 'unauthorized'})`,
  apiAccessDenied: (description: string, code: string) => `access denied: ${description || 'forbidden'} (${code || 'forbidden'})`,
  apiRateLimited: (seconds: string, summary: string | undefined) => `rate limited by the server (429), asked to wait ${seconds} s${summary ? `: ${summary}` : ''}`,
  apiNotJson: (method: string, path: string, status: number) => `${method} ${path}: answer ${status} is not JSON`,
  apiNoData: (method: string, path: string) => `${method} ${path}: the answer has no data`,
  apiInterrupted: 'not sent: the run was interrupted',
  apiOutcomeUnknown: (method: string, path: string, cause: string) => `outcome unknown for ${method} ${path} (it may have been carried out): ${cause}`,
  netTimeout: (host: string, seconds: number) => `no answer from ${host} within ${seconds} s (timeout)`,
  netReset: (host: string, code: string) => `connection to ${host} reset (${code})`,
  netRefused: (host: string, code: string) => `cannot connect to ${host} (${code}); check --api-url / PACHCA_API_URL`,
  netOther: (host: string, code: string) => `network error talking to ${host} (${code})`,
  /** What was being done when a request failed: "checking the token: <error>". */
  apiDoing: (doing: 'checkToken' | 'readDirectory' | 'lookPeopleUp' | 'listChats', error: string) =>
    `${{ checkToken: 'checking the token', readDirectory: 'reading the directory', lookPeopleUp: 'looking the people up', listChats: 'listing chats' }[doing]}: ${error}`,
  apiMissingScopes: (missing: readonly string[], what: 'import' | 'undo' | 'change') =>
    `the token lacks scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that ${{ import: 'this import', undo: 'this undo', change: 'this change' }[what]} needs; use an Owner/Admin personal token with ${missing.join(', ')} (nothing was changed)`,
};
