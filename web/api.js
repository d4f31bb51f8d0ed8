// Talking to the page's server: the key in a header on every API call (the cookie alone is not
// enough for /api/), the language of messages in another.

const key = document.querySelector('meta[name="roster-key"]')?.getAttribute('content') ?? '';

export const session = { lang: 'ru' };

/** { ok, status, data }: data is the JSON answer ({ error } when refused). */
export async function api(path, { method = 'GET', json, body, headers = {} } = {}) {
  const init = {
    method,
    headers: { 'X-Roster-Key': key, 'X-Roster-Lang': session.lang, ...headers },
    credentials: 'same-origin',
  };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['Content-Type'] = 'application/json';
  } else if (body !== undefined) {
    init.body = body;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    return { ok: false, status: 0, data: { error: String(error && error.message ? error.message : error) } };
  }
  let data;
  try {
    data = await response.json();
  } catch {
    data = { error: `${response.status} ${response.statusText}` };
  }
  return { ok: response.ok, status: response.status, data };
}
