/** The RealWorld selector contract: an empty `image` shows `default-avatar.svg`. */
export const DEFAULT_AVATAR = '/default-avatar.svg';

export function avatarUrl(image: string | null | undefined): string {
  return image && image.trim() ? image : DEFAULT_AVATAR;
}
