// Avatar images: which files the tool uploads (JPEG and PNG, told apart by their first bytes, not
// by the file name) and the size limit. The spec (PUT /users/{user_id}/avatar) states neither a
// type list nor a size limit; 5 MB is this tool's and the sandbox's assumption.
import type { AvatarImageType } from './types.js';

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);

/** The image type by its signature, or undefined when the bytes are neither JPEG nor PNG. */
export function avatarImageType(bytes: Uint8Array): AvatarImageType | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'image/jpeg';
  return undefined;
}

/** File name extension for an image type (the multipart part's filename). */
export function avatarExtension(type: AvatarImageType): 'jpg' | 'png' {
  return type === 'image/png' ? 'png' : 'jpg';
}
