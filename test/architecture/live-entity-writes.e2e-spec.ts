import { liveEntitiesIn, liveEntityWrites } from './live-entity-writes';
import { readSource, sourceFiles } from './source-tree';

const LIVE = new Set(['ArticleEntity']);
const writesIn = (code: string) => liveEntityWrites('example.ts', code, LIVE);

describe('live entities are written only through save and remove', () => {
  it.each([
    ['a QueryBuilder update', "await manager.createQueryBuilder().update(ArticleEntity).set({ title: 'x' }).where('id = 1').execute();"],
    ['a QueryBuilder insert', 'await dataSource.createQueryBuilder().insert().into(ArticleEntity).values(rows).execute();'],
    ['a QueryBuilder delete', "await manager.createQueryBuilder().delete().from(ArticleEntity).where('id = 1').execute();"],
    ['a QueryBuilder on the entity', "await manager.createQueryBuilder(ArticleEntity, 'a').delete().execute();"],
    ['a manager update by criteria', 'await manager.update(ArticleEntity, { id }, { title });'],
    ['a manager delete by criteria', 'await manager.delete(ArticleEntity, { id });'],
    ['an increment', "await manager.increment(ArticleEntity, { id }, 'favoritesCount', 1);"],
    ['a fetched repository', 'await manager.getRepository(ArticleEntity).delete({ id });'],
    ['a repository kept in a variable', 'const articles = manager.getRepository(ArticleEntity);\nawait articles.update({ id }, { title });'],
    ['an injected repository', 'class S {\n  constructor(private readonly articles: Repository<ArticleEntity>) {}\n  go() { return this.articles.delete({ id: 1 }); }\n}'],
    ["an injected repository's QueryBuilder", "class S {\n  constructor(@InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>) {}\n  go() { return this.articles.createQueryBuilder('a').update().set({ title }).execute(); }\n}"],
    [
      "the transaction's own repository",
      'class S {\n  constructor(private readonly articles: Repository<ArticleEntity>) {}\n  go() {\n    return this.articles.manager.transaction((manager) => {\n      const articles = manager.withRepository(this.articles);\n      return articles.increment({ id }, \'favoritesCount\', 1);\n    });\n  }\n}',
    ],
    ['a QueryBuilder kept in a variable', "const rows = manager.getRepository(ArticleEntity).createQueryBuilder('a');\nawait rows.insert().values(row).execute();"],
    ['a QueryBuilder a method returns', 'class S {\n  private articlesQuery(): SelectQueryBuilder<ArticleEntity> { return query; }\n  go() { return this.articlesQuery().update().set({ title }).execute(); }\n}'],
  ])('catches %s', (_name, code) => {
    expect(writesIn(code)).toHaveLength(1);
  });

  it.each([
    ['a save and a remove', 'await manager.save(article);\nawait manager.remove(article);'],
    ["an insert of the entity itself, which the subscribers see", 'await manager.insert(ArticleEntity, article);'],
    ['a write of an entity that is not live', 'await manager.delete(FavoriteEntity, { articleId });\nawait manager.createQueryBuilder().insert().into(FavoriteEntity).values(row).execute();'],
    ["a service's own update", 'await this.articles.update(reader.id, slug, changes);'],
    ['a Map', 'authors.delete(author);'],
    ['an insert of the entity itself through its repository', 'class S {\n  constructor(private readonly articles: Repository<ArticleEntity>) {}\n  go() { return this.articles.insert(article); }\n}'],
    ['a read through a QueryBuilder kept in a variable', "const rows = manager.getRepository(ArticleEntity).createQueryBuilder('a');\nawait rows.where('a.id = :id', { id }).getMany();"],
    ['a write beside an entity read through a repository', 'const article = await manager.getRepository(ArticleEntity).findOneBy({ id });\nawait manager.delete(FavoriteEntity, { articleId: article.id });'],
  ])('lets through %s', (_name, code) => {
    expect(writesIn(code)).toEqual([]);
  });

  it('finds none in the apps, for every entity a recording subscriber records', () => {
    const files = sourceFiles('apps').filter((file) => !file.endsWith('.spec.ts'));
    const live = new Set(files.flatMap((file) => liveEntitiesIn(file, readSource(file))));
    expect([...live]).toEqual(expect.arrayContaining(['ArticleEntity', 'CommentEntity', 'FollowEntity', 'UserEntity']));
    // A migration rewrites rows before the app serves anyone, with nothing to tell a reader.
    const scanned = files.filter((file) => !file.includes('/migrations/'));
    expect(scanned.flatMap((file) => liveEntityWrites(file, readSource(file), live))).toEqual([]);
  });
});
