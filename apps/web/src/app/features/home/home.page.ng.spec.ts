import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { STREAM_CURSOR_HEADER, type Article, type Change } from '@conduit/contract';
import { LiveConnection, type LiveEvent } from '@conduit/live-angular';
import { Subject } from 'rxjs';
import { Session } from '../../core/auth/session';
import { HomePage } from './home.page';

const article = (slug: string, title = slug): Article => ({
  slug, title, description: `About ${slug}`, body: 'body', tagList: [], createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z', favorited: false, favoritesCount: 0, author: { username: 'ann', bio: null, image: null, following: false },
});
const summary = (slug: string) => {
  const { body: _body, ...rest } = article(slug);
  return rest;
};
const change = (type: Change['type'], slug: string, data: Article | null = null): LiveEvent =>
  ({ kind: 'change', change: { topic: 'articles', cursor: '6', type, entity: 'article', key: slug, data } });

/** The live stream as the page sees it: topics that emit only what the test sends. */
class FakeLiveConnection {
  readonly events = new Subject<LiveEvent>();
  readonly topic = jest.fn(() => this.events.asObservable());
  readonly resubscribe = jest.fn();
}

describe('HomePage, global feed', () => {
  let fixture: ComponentFixture<HomePage>;
  let http: HttpTestingController;
  let live: FakeLiveConnection;

  const shownSlugs = () =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll<HTMLElement>('[data-testid="article-preview"]'), (li) => li.dataset['slug']);
  const answerList = (slugs: string[], cursor: string) =>
    http
      .expectOne((r) => r.url === '/api/articles')
      .flush({ articles: slugs.map(summary), articlesCount: slugs.length }, { headers: { [STREAM_CURSOR_HEADER]: cursor } });
  const answerTags = (tags: string[], cursor: string) =>
    http.expectOne('/api/tags').flush({ tags }, { headers: { [STREAM_CURSOR_HEADER]: cursor } });
  const shownTags = () =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="popular-tags"] .tag-pill'), (a) => a.textContent?.trim());
  const send = async (event: LiveEvent) => {
    live.events.next(event);
    await fixture.whenStable();
  };

  beforeEach(async () => {
    live = new FakeLiveConnection();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: Session, useValue: { signedIn: signal(false) } },
        { provide: LiveConnection, useValue: live },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HomePage);
    await fixture.whenStable();
    answerTags(['dragons'], '4');
    answerList(['b', 'c'], '5');
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('shows the snapshot and follows the articles topic from its cursor', () => {
    expect(shownSlugs()).toEqual(['b', 'c']);
    expect(live.topic).toHaveBeenCalledWith('articles', '5');
  });

  it('puts a created article on top', async () => {
    await send(change('created', 'a', article('a', 'Brand new')));
    expect(shownSlugs()).toEqual(['a', 'b', 'c']);
    expect(fixture.nativeElement.querySelector('[data-slug="a"] .article-preview h1').textContent).toBe('Brand new');
  });

  it('removes a deleted article', async () => {
    await send(change('deleted', 'b'));
    expect(shownSlugs()).toEqual(['c']);
  });

  it('shows an article once when its creation arrives twice', async () => {
    await send(change('created', 'a', article('a')));
    await send(change('created', 'a', article('a')));
    expect(shownSlugs()).toEqual(['a', 'b', 'c']);
  });

  it('after a reset, shows a new snapshot and goes on from its cursor', async () => {
    await send({ kind: 'reset', topic: 'articles', reason: 'cursor too old' });
    answerTags(['dragons'], '89');
    answerList(['z', 'b'], '90');
    await fixture.whenStable();
    expect(shownSlugs()).toEqual(['z', 'b']);
    expect(live.resubscribe).toHaveBeenCalledWith('articles', '90');
  });

  it('follows the articles topic for Popular Tags from the cursor of the tag list', () => {
    expect(live.topic).toHaveBeenCalledWith('articles', '4');
    expect(shownTags()).toEqual(['dragons']);
  });

  it('adds the tags a new or edited article brings to Popular Tags, once', async () => {
    await send(change('created', 'a', { ...article('a'), tagList: ['wyverns', 'dragons'] }));
    await send(change('updated', 'b', { ...article('b'), tagList: ['wyverns', 'griffins'] }));
    expect(shownTags()).toEqual(['dragons', 'wyverns', 'griffins']);
  });
});
