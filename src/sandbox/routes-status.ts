// The status routes: PUT validates emoji and title as FACTS.md describes; GET answers a bare null when unset.
import type { User, UserStatus } from '../pachca/types.js';
import type { ApiAnswer, ApiRequest, RouteContext } from './route-types.js';
import { FieldErrors, textField, wrapper } from './route-validation.js';
import { userIdParam } from './routes-users.js';

const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\u200D|\uFE0F|\u20E3|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}]|[0-9#*])+$/u;
const HAS_PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

export function isEmoji(text: string): boolean {
  return EMOJI_ONLY.test(text) && HAS_PICTOGRAPH.test(text);
}

export function putStatus(request: ApiRequest, { store }: RouteContext): ApiAnswer {
  const user = userIdParam(request, store, 'user_id');
  const input = wrapper(request.body, 'status');
  const errors = new FieldErrors();
  const emoji = textField(input, 'emoji', errors);
  if (emoji === undefined && !('emoji' in input)) errors.add('emoji', 'blank', 'Emoji обязателен');
  else if (emoji === null || emoji === '') errors.add('emoji', 'blank', 'Emoji обязателен', emoji);
  else if (emoji !== undefined && !isEmoji(emoji)) errors.add('emoji', 'wrong_emoji', 'Emoji статуса должен быть emoji-символом', emoji);
  const title = textField(input, 'title', errors, 50);
  if (!('title' in input) || title === null || title === '') errors.add('title', 'blank', 'Текст статуса обязателен', title ?? null);
  const awayMessage = textField(input, 'away_message', errors, 1024);
  let expiresAt: string | null = null;
  if (input.expires_at !== undefined && input.expires_at !== null) {
    if (typeof input.expires_at !== 'string' || Number.isNaN(Date.parse(input.expires_at))) {
      errors.add('expires_at', 'invalid', 'expires_at должен быть датой ISO 8601', input.expires_at);
    } else expiresAt = new Date(input.expires_at).toISOString();
  }
  if (input.is_away !== undefined && typeof input.is_away !== 'boolean') {
    errors.add('is_away', 'invalid', 'is_away должен быть true или false', input.is_away, null, 400);
  }
  errors.throwIfAny();
  const status: UserStatus = {
    emoji: emoji as string,
    title: title as string,
    expires_at: expiresAt,
    is_away: input.is_away === true,
    away_message: awayMessage ? { text: awayMessage } : null,
  };
  store.setStatus(user, status);
  return { status: 200, body: { data: status } };
}

export function statusBody(user: User): unknown {
  return user.user_status === null ? null : { data: user.user_status };
}
