import type { Profile } from '@conduit/contract';
import type { UserEntity } from '../users/user.entity';

export function toProfile(user: UserEntity, following: boolean): Profile {
  return { username: user.username, bio: user.bio, image: user.image, following };
}
