import type { UserEntity } from './user.entity';

/**
 * An account as its writing shows it: the id a row points at and the profile an article or comment
 * carries. The token check reads these with the account, so a write names its author without reading
 * the account again.
 */
export type Author = Pick<UserEntity, 'id' | 'username' | 'bio' | 'image'>;
