import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Profile } from '@conduit/contract';
import { createServiceTestModule, refusal, type ServiceTestModule } from '../../../../test/support/service-test-module';
import { FOLLOWS_TOPIC } from './follow-change.subscriber';
import { FollowEntity } from './follow.entity';
import { ProfilesModule } from './profiles.module';
import { ProfilesService } from './profiles.service';

describe('ProfilesService', () => {
  let testing: ServiceTestModule;
  let profiles: ProfilesService;
  let follows: Repository<FollowEntity>;
  let jakeId: number;
  let celebId: number;

  beforeEach(async () => {
    testing = await createServiceTestModule([ProfilesModule]);
    profiles = testing.module.get(ProfilesService);
    follows = testing.module.get(getRepositoryToken(FollowEntity));
    jakeId = await testing.insertUser('jake');
    celebId = await testing.insertUser('celeb');
  });
  afterEach(() => testing.close());

  it('shows whether the reader follows the profile, and false to an anonymous reader', async () => {
    await expect(profiles.profile('celeb', jakeId)).resolves.toEqual({ username: 'celeb', bio: null, image: null, following: false });
    await profiles.follow(jakeId, 'celeb');
    await expect(profiles.profile('celeb', jakeId)).resolves.toMatchObject({ following: true });
    await expect(profiles.profile('celeb')).resolves.toMatchObject({ following: false });
    await expect(profiles.profile('jake', celebId)).resolves.toMatchObject({ following: false });
  });

  it('follows once however often asked, and records the follow on the internal topic once', async () => {
    expect(await testing.publishedBy(() => profiles.follow(jakeId, 'celeb'))).toEqual([
      { topic: FOLLOWS_TOPIC, type: 'created', key: `${jakeId}:${celebId}`, audience: String(jakeId) },
    ]);
    let again: Profile | undefined;
    expect(await testing.publishedBy(async () => (again = await profiles.follow(jakeId, 'celeb')))).toEqual([]);
    expect(again).toMatchObject({ username: 'celeb', following: true });
    expect(await follows.countBy({ followerId: jakeId, followingId: celebId })).toBe(1);
    await expect(profiles.isFollowing(jakeId, celebId)).resolves.toBe(true);
  });

  it('unfollows, and unfollowing again (or without following) is no error and no change', async () => {
    await profiles.follow(jakeId, 'celeb');
    expect(await testing.publishedBy(() => profiles.unfollow(jakeId, 'celeb'))).toEqual([
      { topic: FOLLOWS_TOPIC, type: 'deleted', key: `${jakeId}:${celebId}`, audience: String(jakeId) },
    ]);
    let again: Profile | undefined;
    expect(await testing.publishedBy(async () => (again = await profiles.unfollow(jakeId, 'celeb')))).toEqual([]);
    expect(again).toMatchObject({ username: 'celeb', following: false });
    await expect(profiles.unfollow(celebId, 'jake')).resolves.toMatchObject({ following: false });
    expect(await follows.count()).toBe(0);
  });

  it('refuses to follow yourself with 422, writing nothing', async () => {
    let refused: unknown;
    expect(await testing.publishedBy(async () => (refused = await refusal(profiles.follow(jakeId, 'jake'))))).toEqual([]);
    expect(refused).toEqual({ status: 422, body: { errors: { profile: ['cannot follow yourself'] } } });
    expect(await follows.count()).toBe(0);
  });

  it('answers 404 for an unknown profile', async () => {
    const notFound = { status: 404, body: { errors: { profile: ['not found'] } } };
    expect(await refusal(profiles.profile('nobody'))).toEqual(notFound);
    expect(await refusal(profiles.follow(jakeId, 'nobody'))).toEqual(notFound);
    expect(await refusal(profiles.unfollow(jakeId, 'nobody'))).toEqual(notFound);
  });

  it('lists whom a reader follows, for the feed and for lists', async () => {
    await profiles.follow(jakeId, 'celeb');
    await expect(profiles.followedIds(jakeId)).resolves.toEqual([celebId]);
    await expect(profiles.followedIds(celebId)).resolves.toEqual([]);
    await expect(profiles.followedAmong(jakeId, [celebId, celebId, jakeId])).resolves.toEqual(new Set([celebId]));
    await expect(profiles.followedAmong(undefined, [celebId])).resolves.toEqual(new Set());
  });
});
