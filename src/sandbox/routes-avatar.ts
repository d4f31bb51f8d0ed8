// PUT/DELETE /users/{user_id}/avatar (docs/methods/users/update-avatar.md, remove-avatar.md): the
// image comes as the multipart/form-data part `image`. The spec gives no type or size rules;
// assumed: JPEG or PNG by content (422 invalid otherwise), at most AVATAR_MAX_BYTES (422
// too_long), the Owner's avatar is the Owner's own (403 like PUT /users on the Owner).
import { createHash } from 'node:crypto';
import { AVATAR_MAX_BYTES, avatarExtension, avatarImageType } from '../pachca/avatar.js';
import { apiError } from './errors.js';
import { multipartBoundary, readFormParts } from './multipart.js';
import { ownerProtected } from './policies.js';
import type { ApiAnswer, ApiRequest, Route, RouteContext } from './route-types.js';
import { userIdParam } from './routes-users.js';

/** Room for the multipart framing; a body past twice the image limit is cut off with 413. */
const AVATAR_BODY_MAX_BYTES = 2 * AVATAR_MAX_BYTES;

function avatarUser(request: ApiRequest, { store, behaviour }: RouteContext) {
  const user = userIdParam(request, store, 'user_id');
  if (user.id === store.ownerId && request.caller.userId !== store.ownerId) throw ownerProtected(behaviour, user.id);
  return user;
}

export function putAvatar(request: ApiRequest, context: RouteContext): ApiAnswer {
  const user = avatarUser(request, context);
  const boundary = multipartBoundary(request.upload?.contentType ?? '');
  if (boundary === undefined) throw apiError(400, 'image', 'required', 'Файл image передаётся в multipart/form-data');
  const image = readFormParts(request.upload?.bytes ?? Buffer.alloc(0), boundary).find((part) => part.name === 'image');
  if (!image) throw apiError(400, 'image', 'required', 'Параметр image обязателен');
  if (image.bytes.length === 0) throw apiError(422, 'image', 'blank', 'Файл изображения пуст', image.filename ?? null);
  if (image.bytes.length > AVATAR_MAX_BYTES) {
    throw apiError(422, 'image', 'too_long', `Изображение больше ${AVATAR_MAX_BYTES} байт`, image.filename ?? null, { size: image.bytes.length, limit: AVATAR_MAX_BYTES });
  }
  const type = avatarImageType(image.bytes);
  if (!type) throw apiError(422, 'image', 'invalid', 'Изображение должно быть в формате JPEG или PNG', image.filename ?? null);
  const digest = createHash('sha256').update(image.bytes).digest('hex').slice(0, 16);
  const imageUrl = `https://sandbox.pachca.local/uploads/avatars/${user.id}/${digest}.${avatarExtension(type)}`;
  context.store.setImageUrl(user, imageUrl);
  return { status: 200, body: { data: { image_url: imageUrl } } };
}

export function deleteAvatar(request: ApiRequest, context: RouteContext): ApiAnswer {
  context.store.setImageUrl(avatarUser(request, context), null);
  return { status: 204 };
}

export const AVATAR_ROUTES: readonly Route[] = [
  { method: 'PUT', template: '/users/{user_id}/avatar', scope: 'user_avatar:write', body: 'multipart', maxBodyBytes: AVATAR_BODY_MAX_BYTES, handle: putAvatar },
  { method: 'DELETE', template: '/users/{user_id}/avatar', scope: 'user_avatar:write', handle: deleteAvatar },
];
