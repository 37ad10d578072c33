import { DataSource } from 'typeorm';
import { ARTICLES_TOPIC } from '@conduit/contract';
import { createServiceTestModule, refusal, type ServiceTestModule } from '../../../../test/support/service-test-module';
import { ProfilesService } from '../profiles/profiles.service';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { ArticlesModule } from './articles.module';
import { ArticlesService } from './articles.service';
import type { NewArticleDto } from './dto/create-article.dto';
import type { ListArticlesQuery } from './dto/list-articles.query';

const forbidden = { status: 403, body: { errors: { article: ['forbidden'] } } };
const notFound = { status: 404, body: { errors: { article: ['not found'] } } };

describe('ArticlesService', () => {
  let testing: ServiceTestModule;
  let articles: ArticlesService;
  let users: UsersService;
  let jake: number;
  let jacob: number;
  let reader: number;

  beforeEach(async () => {
    testing = await createServiceTestModule([ArticlesModule]);
    articles = testing.module.get(ArticlesService);
    users = testing.module.get(UsersService);
    jake = await testing.insertUser('jake');
    jacob = await testing.insertUser('jacob');
    reader = await testing.insertUser('reader');
  });
  afterEach(() => testing.close());

  /** The author as the token check hands it to the service. */
  const authorOf = (id: number) => testing.module.get(DataSource).getRepository(UserEntity).findOneByOrFail({ id });
  const write = async (authorId: number, input: Partial<NewArticleDto> & { title: string }) =>
    articles.create(await authorOf(authorId), { description: 'about it', body: 'the body', ...input });

  const list = (query: Partial<ListArticlesQuery>, readerId?: number) => articles.list({ limit: 20, offset: 0, ...query }, readerId);
  const slugsOf = ({ articles }: { articles: { slug: string }[] }) => articles.map((article) => article.slug);

  describe('create', () => {
    it('slugs the title and answers the article as its author sees it', async () => {
      const article = await write(jake, { title: 'How to Train Your Dragon', description: 'Ever wonder how?', body: 'You have to believe' });
      expect(article).toEqual({
        slug: 'how-to-train-your-dragon',
        title: 'How to Train Your Dragon',
        description: 'Ever wonder how?',
        body: 'You have to believe',
        tagList: [],
        createdAt: expect.any(String),
        updatedAt: article.createdAt,
        favorited: false,
        favoritesCount: 0,
        author: { username: 'jake', bio: null, image: null, following: false },
      });
      await expect(articles.get('how-to-train-your-dragon')).resolves.toEqual(article);
    });

    it('gives a second article with a taken slug a random suffix', async () => {
      const first = await write(jake, { title: 'Same title' });
      const second = await write(jacob, { title: 'Same title' });
      expect(first.slug).toBe('same-title');
      expect(second.slug).toMatch(/^same-title-[0-9a-f]{8}$/);
      await expect(articles.get(second.slug)).resolves.toMatchObject({ author: { username: 'jacob' } });
    });

    it('records one change, under the suffixed slug, for a creation whose first slug was taken', async () => {
      await write(jake, { title: 'Taken title' });
      const changes = await testing.publishedBy(() => write(jacob, { title: 'Taken title' }));
      expect(changes).toEqual([{ topic: ARTICLES_TOPIC, type: 'created', key: expect.stringMatching(/^taken-title-[0-9a-f]{8}$/), audience: String(jacob) }]);
    });

    it('gives a same-titled creation with an idempotency key a suffixed slug, and answers its repeat with that article', async () => {
      await write(jake, { title: 'Keyed title' });
      const input = { title: 'Keyed title', description: 'about it', body: 'the body' };
      const created = await articles.create(await authorOf(jacob), input, 'key-1');
      expect(created.slug).toMatch(/^keyed-title-[0-9a-f]{8}$/);
      await expect(articles.create(await authorOf(jacob), input, 'key-1')).resolves.toMatchObject({ slug: created.slug });
    });

    it('never takes the slug "feed", which is the feed route', async () => {
      const article = await write(jake, { title: 'Feed' });
      expect(article.slug).toMatch(/^feed-[0-9a-f]{8}$/);
    });

    it('keeps tags trimmed, unique and sorted, and files the article under each', async () => {
      const article = await write(jake, { title: 'Tagged', tagList: ['zebra', ' dragons ', 'angular', 'dragons', '', '  '] });
      expect(article.tagList).toEqual(['angular', 'dragons', 'zebra']);
      expect(slugsOf(await list({ tag: 'dragons' }))).toEqual(['tagged']);
      expect(slugsOf(await list({ tag: ' dragons ' }))).toEqual([]);
    });

    it('accepts a null tag list as none', async () => {
      await expect(write(jake, { title: 'Untagged', tagList: null })).resolves.toMatchObject({ tagList: [] });
    });
  });

  describe('list and feed', () => {
    beforeEach(async () => {
      // Oldest first; lists answer newest first.
      await write(jake, { title: 'Jake one', tagList: ['dragons'] });
      await write(jacob, { title: 'Jacob one', tagList: ['training'] });
      await write(jake, { title: 'Jake two', tagList: ['dragons', 'training'] });
      await write(jacob, { title: 'Jacob two' });
    });

    it('lists every article newest first, without bodies, with the total count', async () => {
      const page = await list({});
      expect(slugsOf(page)).toEqual(['jacob-two', 'jake-two', 'jacob-one', 'jake-one']);
      expect(page.articlesCount).toBe(4);
      expect(page.articles[0]).not.toHaveProperty('body');
      expect(page.cursor).toEqual(expect.any(String));
    });

    it('pages with limit and offset, counting every match', async () => {
      await expect(list({ limit: 2, offset: 0 })).resolves.toMatchObject({ articlesCount: 4 });
      expect(slugsOf(await list({ limit: 2, offset: 0 }))).toEqual(['jacob-two', 'jake-two']);
      expect(slugsOf(await list({ limit: 2, offset: 2 }))).toEqual(['jacob-one', 'jake-one']);
      const pastTheEnd = await list({ limit: 2, offset: 4 });
      expect(pastTheEnd).toMatchObject({ articles: [], articlesCount: 4 });
    });

    it('filters by tag', async () => {
      const page = await list({ tag: 'dragons' });
      expect(slugsOf(page)).toEqual(['jake-two', 'jake-one']);
      expect(page.articlesCount).toBe(2);
      await expect(list({ tag: 'nothing' })).resolves.toMatchObject({ articles: [], articlesCount: 0 });
    });

    it('filters by author', async () => {
      const page = await list({ author: 'jacob' });
      expect(slugsOf(page)).toEqual(['jacob-two', 'jacob-one']);
      expect(page.articlesCount).toBe(2);
      await expect(list({ author: 'nobody' })).resolves.toMatchObject({ articles: [], articlesCount: 0 });
    });

    it('filters by the user who favorited, and combines filters', async () => {
      await articles.favorite(reader, 'jake-one');
      await articles.favorite(reader, 'jacob-one');
      await articles.favorite(jake, 'jake-two');
      const page = await list({ favorited: 'reader' });
      expect(slugsOf(page)).toEqual(['jacob-one', 'jake-one']);
      expect(page.articlesCount).toBe(2);
      expect(slugsOf(await list({ favorited: 'reader', tag: 'dragons', author: 'jake' }))).toEqual(['jake-one']);
      await expect(list({ favorited: 'jacob' })).resolves.toMatchObject({ articles: [], articlesCount: 0 });
    });

    it("shows the reader's own favorited and following flags in lists", async () => {
      await articles.favorite(reader, 'jake-one');
      await testing.module.get(ProfilesService).follow(reader, 'jake');
      const byArticle = Object.fromEntries((await list({}, reader)).articles.map((article) => [article.slug, [article.favorited, article.author.following]]));
      expect(byArticle).toEqual({ 'jake-one': [true, true], 'jake-two': [false, true], 'jacob-one': [false, false], 'jacob-two': [false, false] });
      expect((await list({})).articles.every((article) => !article.favorited && !article.author.following)).toBe(true);
    });

    it('reads a page in the same few queries whatever its size: the rows, their count, and one query per reader flag', async () => {
      await articles.favorite(reader, 'jake-one');
      await testing.module.get(ProfilesService).follow(reader, 'jake');
      const queries = jest.spyOn(testing.module.get(DataSource).logger, 'logQuery');
      const queriesFor = async (limit: number) => {
        queries.mockClear();
        const page = await list({ limit }, reader);
        expect(page.articles).toHaveLength(limit);
        return queries.mock.calls.length;
      };
      // The stream head, the page, its count, the reader's favorites among it, and the authors they follow.
      expect(await queriesFor(1)).toBe(5);
      expect(await queriesFor(4)).toBe(5);
    });

    it('feeds a reader only the articles of the authors they follow, newest first', async () => {
      await expect(articles.feed(reader, { limit: 20, offset: 0 })).resolves.toMatchObject({ articles: [], articlesCount: 0 });
      await testing.module.get(ProfilesService).follow(reader, 'jake');
      const feed = await articles.feed(reader, { limit: 20, offset: 0 });
      expect(slugsOf(feed)).toEqual(['jake-two', 'jake-one']);
      expect(feed.articlesCount).toBe(2);
      expect(feed.articles.every((article) => article.author.following)).toBe(true);
      expect(slugsOf(await articles.feed(reader, { limit: 1, offset: 1 }))).toEqual(['jake-one']);
      expect(slugsOf(await articles.feed(jacob, { limit: 20, offset: 0 }))).toEqual([]);
    });
  });

  describe('update', () => {
    beforeEach(() => write(jake, { title: 'Original', body: 'first body', tagList: ['old'] }));

    it("changes the author's article, its tags, and keeps its slug", async () => {
      const updated = await articles.update(jake, 'original', { title: 'Retitled', body: 'second body', tagList: ['new', 'alpha'] });
      expect(updated).toMatchObject({ slug: 'original', title: 'Retitled', description: 'about it', body: 'second body', tagList: ['alpha', 'new'] });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(updated.createdAt));
      await expect(articles.get('original')).resolves.toMatchObject({ title: 'Retitled', tagList: ['alpha', 'new'] });
      expect(slugsOf(await list({ tag: 'old' }))).toEqual([]);
      expect(slugsOf(await list({ tag: 'new' }))).toEqual(['original']);
    });

    it('keeps the tags when the changes do not name them', async () => {
      await articles.update(jake, 'original', { description: 'new description' });
      expect(slugsOf(await list({ tag: 'old' }))).toEqual(['original']);
    });

    it('refuses anyone but the author with 403, changing nothing', async () => {
      expect(await refusal(articles.update(jacob, 'original', { title: 'Hijacked' }))).toEqual(forbidden);
      await expect(articles.get('original')).resolves.toMatchObject({ title: 'Original', body: 'first body' });
    });

    it('answers 404 for an unknown slug', async () => {
      expect(await refusal(articles.update(jake, 'missing', { title: 'x' }))).toEqual(notFound);
    });
  });

  describe('favorite and unfavorite', () => {
    beforeEach(() => write(jake, { title: 'Liked' }));

    it('counts each reader once, however often they favorite', async () => {
      await expect(articles.favorite(reader, 'liked')).resolves.toMatchObject({ favorited: true, favoritesCount: 1 });
      await expect(articles.favorite(reader, 'liked')).resolves.toMatchObject({ favorited: true, favoritesCount: 1 });
      await expect(articles.favorite(jacob, 'liked')).resolves.toMatchObject({ favorited: true, favoritesCount: 2 });
      await expect(articles.get('liked', reader)).resolves.toMatchObject({ favorited: true, favoritesCount: 2 });
      await expect(articles.get('liked')).resolves.toMatchObject({ favorited: false, favoritesCount: 2 });
    });

    it('uncounts a reader once, and unfavoriting what was never favorited changes nothing', async () => {
      await articles.favorite(reader, 'liked');
      await articles.favorite(jacob, 'liked');
      await expect(articles.unfavorite(reader, 'liked')).resolves.toMatchObject({ favorited: false, favoritesCount: 1 });
      await expect(articles.unfavorite(reader, 'liked')).resolves.toMatchObject({ favorited: false, favoritesCount: 1 });
      await expect(articles.unfavorite(jake, 'liked')).resolves.toMatchObject({ favorited: false, favoritesCount: 1 });
      await expect(articles.get('liked', jacob)).resolves.toMatchObject({ favorited: true, favoritesCount: 1 });
    });

    it('answers 404 for an unknown slug', async () => {
      expect(await refusal(articles.favorite(reader, 'missing'))).toEqual(notFound);
      expect(await refusal(articles.unfavorite(reader, 'missing'))).toEqual(notFound);
    });
  });

  describe('delete', () => {
    beforeEach(() => write(jake, { title: 'Doomed' }));

    it("removes the author's article", async () => {
      await articles.delete(jake, 'doomed');
      expect(await refusal(articles.get('doomed'))).toEqual(notFound);
      await expect(list({})).resolves.toMatchObject({ articles: [], articlesCount: 0 });
    });

    it('refuses another reader with 403, and lets an admin delete', async () => {
      expect(await refusal(articles.delete(jacob, 'doomed'))).toEqual(forbidden);
      await expect(articles.get('doomed')).resolves.toMatchObject({ slug: 'doomed' });
      await users.setRole('jacob', 'admin');
      await articles.delete(jacob, 'doomed');
      expect(await refusal(articles.get('doomed'))).toEqual(notFound);
    });

    it('answers 404 for an unknown slug', async () => {
      expect(await refusal(articles.delete(jake, 'missing'))).toEqual(notFound);
    });
  });

  /** The live side: each write publishes its change on the bus by the time the call resolves. */
  describe('changes published', () => {
    const articleChange = (type: string, key: string, authorId: number) => ({ topic: ARTICLES_TOPIC, type, key, audience: String(authorId) });

    it('publishes one "created" change for a new article', async () => {
      expect(await testing.publishedBy(() => write(jake, { title: 'Fresh', tagList: ['a', 'b'] }))).toEqual([articleChange('created', 'fresh', jake)]);
      const [change] = testing.changes.slice(-1);
      expect(JSON.parse(change.payload!)).toMatchObject({ slug: 'fresh', tagList: ['a', 'b'], author: { username: 'jake' } });
    });

    it('publishes one "updated" change for an update', async () => {
      await write(jake, { title: 'Fresh' });
      expect(await testing.publishedBy(() => articles.update(jake, 'fresh', { body: 'changed', tagList: ['x'] }))).toEqual([
        articleChange('updated', 'fresh', jake),
      ]);
      expect(JSON.parse(testing.changes.at(-1)!.payload!)).toMatchObject({ body: 'changed', tagList: ['x'] });
    });

    it('publishes one "updated" change per favorite or unfavorite that changes the count, and none for a repeat', async () => {
      await write(jake, { title: 'Fresh' });
      expect(await testing.publishedBy(() => articles.favorite(reader, 'fresh'))).toEqual([articleChange('updated', 'fresh', jake)]);
      // What the stream says is the count an anonymous reader sees, never the favoriting reader's flag.
      expect(JSON.parse(testing.changes.at(-1)!.payload!)).toMatchObject({ favoritesCount: 1, favorited: false });
      expect(await testing.publishedBy(() => articles.favorite(reader, 'fresh'))).toEqual([]);
      expect(await testing.publishedBy(() => articles.unfavorite(reader, 'fresh'))).toEqual([articleChange('updated', 'fresh', jake)]);
      expect(JSON.parse(testing.changes.at(-1)!.payload!)).toMatchObject({ favoritesCount: 0 });
      expect(await testing.publishedBy(() => articles.unfavorite(reader, 'fresh'))).toEqual([]);
    });

    it('publishes one "deleted" change for a deletion', async () => {
      await write(jake, { title: 'Fresh' });
      await articles.favorite(reader, 'fresh');
      expect(await testing.publishedBy(() => articles.delete(jake, 'fresh'))).toEqual([articleChange('deleted', 'fresh', jake)]);
      expect(testing.changes.at(-1)!.payload).toBeNull();
    });

    it('publishes nothing for a refused write', async () => {
      await write(jake, { title: 'Fresh' });
      const refused: unknown[] = [];
      const published = await testing.publishedBy(async () => {
        refused.push(await refusal(articles.update(jacob, 'fresh', { title: 'Hijacked' })));
        refused.push(await refusal(articles.delete(jacob, 'fresh')));
        refused.push(await refusal(articles.favorite(reader, 'missing')));
      });
      expect(refused).toEqual([forbidden, forbidden, notFound]);
      expect(published).toEqual([]);
    });

    it('gives the changes growing cursors, one per committed write', async () => {
      await write(jake, { title: 'Fresh' });
      await articles.update(jake, 'fresh', { body: 'changed' });
      await articles.favorite(reader, 'fresh');
      await articles.delete(jake, 'fresh');
      const cursors = testing.changes.filter((change) => change.topic === ARTICLES_TOPIC).map((change) => BigInt(change.cursor));
      expect(cursors).toHaveLength(4);
      expect([...cursors].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(cursors);
      expect(new Set(cursors).size).toBe(4);
    });
  });
});
