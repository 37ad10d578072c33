import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { Profile } from '@conduit/contract';
import { isUniqueViolation } from '../common/persistence/unique-violation';
import { UsersService } from '../users/users.service';
import { FollowEntity } from './follow.entity';
import { toProfile } from './profile.mapper';

@Injectable()
export class ProfilesService {
  constructor(
    @InjectRepository(FollowEntity) private readonly follows: Repository<FollowEntity>,
    private readonly users: UsersService,
  ) {}

  async profile(username: string, readerId?: number): Promise<Profile> {
    const user = await this.users.byUsername(username);
    return toProfile(user, await this.isFollowing(readerId, user.id));
  }

  async follow(readerId: number, username: string): Promise<Profile> {
    const user = await this.users.byUsername(username);
    if (user.id === readerId) throw new UnprocessableEntityException({ errors: { profile: ['cannot follow yourself'] } });
    // Idempotent: following twice is not an error, and a concurrent duplicate is simply ignored.
    // Saved as an entity (not a QueryBuilder insert) so that the live feed hears of it.
    if (!(await this.isFollowing(readerId, user.id))) {
      try {
        await this.follows.save(this.follows.create({ followerId: readerId, followingId: user.id, createdAt: new Date() }));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return toProfile(user, true);
  }

  async unfollow(readerId: number, username: string): Promise<Profile> {
    const user = await this.users.byUsername(username);
    const follow = await this.follows.findOneBy({ followerId: readerId, followingId: user.id });
    if (follow) await this.follows.remove(follow);
    return toProfile(user, false);
  }

  async isFollowing(readerId: number | undefined, userId: number): Promise<boolean> {
    if (readerId === undefined) return false;
    return this.follows.existsBy({ followerId: readerId, followingId: userId });
  }

  /** Which of `userIds` the reader follows, in one query (for lists). */
  async followedAmong(readerId: number | undefined, userIds: number[]): Promise<Set<number>> {
    if (readerId === undefined || userIds.length === 0) return new Set();
    const rows = await this.follows.findBy({ followerId: readerId, followingId: In([...new Set(userIds)]) });
    return new Set(rows.map((row) => row.followingId));
  }

  /** Ids of everyone the reader follows (the feed). */
  async followedIds(readerId: number): Promise<number[]> {
    const rows = await this.follows.find({ select: { followingId: true }, where: { followerId: readerId } });
    return rows.map((row) => row.followingId);
  }
}
