import type { Profile } from '@conduit/contract';
import type { UserEntity } from '../users/user.entity';

export function toProfile(user: Pick<UserEntity, 'username' | 'bio' | 'image'>, following: boolean): Profile {
  return { username: user.username, bio: user.bio, image: user.image, following };
}
