import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { STREAM_CURSOR_HEADER, type ArticleSummary } from '@conduit/contract';
import { firstValueFrom } from 'rxjs';
import { ArticlesApi } from './articles.api';

const listed: ArticleSummary = {
  slug: 'a', title: 'A', description: '', tagList: ['x'], createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z',
  favorited: false, favoritesCount: 0, author: { username: 'ann', bio: null, image: null, following: false },
};

describe('ArticlesApi', () => {
  let api: ArticlesApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(ArticlesApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists a page of a tag and reads the stream cursor the snapshot was taken at', async () => {
    const snapshot = firstValueFrom(api.list({ source: { kind: 'tag', tag: 'x' }, page: 2, perPage: 10 }));
    const request = http.expectOne((r) => r.url === '/api/articles');
    expect(request.request.params.toString()).toBe('limit=10&offset=10&tag=x');
    request.flush({ articles: [listed], articlesCount: 11 }, { headers: { [STREAM_CURSOR_HEADER]: '42' } });
    expect(await snapshot).toEqual({ articles: [listed], articlesCount: 11, cursor: '42' });
  });

  it.each([
    ['is missing', {}],
    ['is not a cursor', { [STREAM_CURSOR_HEADER]: '4.2' }],
  ])('has no cursor when the header %s', async (_, headers: Record<string, string>) => {
    const snapshot = firstValueFrom(api.list({ source: { kind: 'feed' }, page: 1, perPage: 10 }));
    http.expectOne((r) => r.url === '/api/articles/feed').flush({ articles: [], articlesCount: 0 }, { headers });
    expect((await snapshot).cursor).toBeUndefined();
  });

  it('reads one article by its encoded slug, with its cursor', async () => {
    const snapshot = firstValueFrom(api.get('a b/c'));
    http
      .expectOne('/api/articles/a%20b%2Fc')
      .flush({ article: { ...listed, body: 'text' } }, { headers: { [STREAM_CURSOR_HEADER]: '7' } });
    expect(await snapshot).toEqual({ article: { ...listed, body: 'text' }, cursor: '7' });
  });
});
