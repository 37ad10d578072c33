import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { STREAM_CURSOR_HEADER, type Article, type Change, type Comment } from '@conduit/contract';
import { LiveConnection, type LiveEvent } from '@conduit/live-angular';
import { Subject } from 'rxjs';
import { TabChannel } from '../../core/tabs/tab-channel';
import type { TabMessage } from '../../core/tabs/tab-message';
import { LiveArticle } from './live-article';

const article = (slug: string, title = slug): Article => ({
  slug, title, description: 'd', body: 'b', tagList: [], createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z',
  favorited: true, favoritesCount: 1, author: { username: 'ann', bio: null, image: null, following: false },
});
const comment = (id: number): Comment => ({
  id, body: `comment ${id}`, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z',
  author: { username: 'bob', bio: null, image: null, following: false },
});
const articleChange = (type: Change['type'], key: string, data: Article | null): LiveEvent =>
  ({ kind: 'change', change: { topic: 'articles', cursor: '8', type, entity: 'article', key, data } });

/** The live stream as the page sees it: one subject per topic. */
class FakeLiveConnection {
  readonly topics = new Map<string, Subject<LiveEvent>>();
  readonly topic = jest.fn((name: string) => {
    const events = new Subject<LiveEvent>();
    this.topics.set(name, events);
    return events.asObservable();
  });
  readonly resubscribe = jest.fn();
  send(name: string, event: LiveEvent): void {
    this.topics.get(name)!.next(event);
  }
}

describe('LiveArticle', () => {
  let http: HttpTestingController;
  let live: FakeLiveConnection;
  let subject: LiveArticle;
  let otherTabs: Subject<TabMessage>;

  const answerArticle = (a: Article, cursor: string) =>
    http.expectOne('/api/articles/dragons').flush({ article: a }, { headers: { [STREAM_CURSOR_HEADER]: cursor } });
  const answerComments = (comments: Comment[], cursor: string) =>
    http.expectOne('/api/articles/dragons/comments').flush({ comments }, { headers: { [STREAM_CURSOR_HEADER]: cursor } });

  beforeEach(() => {
    live = new FakeLiveConnection();
    otherTabs = new Subject<TabMessage>();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        LiveArticle,
        { provide: LiveConnection, useValue: live },
        { provide: TabChannel, useValue: { messages$: otherTabs.asObservable(), post: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    subject = TestBed.inject(LiveArticle);
    TestBed.runInInjectionContext(() => subject.follow(signal('dragons')));
    TestBed.tick();
  });

  afterEach(() => http.verify());

  it("shows the article and its comments, then follows each topic from its own snapshot's cursor", () => {
    expect(subject.status()).toBe('loading');
    answerArticle(article('dragons'), '5');
    answerComments([comment(1)], '6');
    expect(subject.status()).toBe('loaded');
    expect(subject.article()?.title).toBe('dragons');
    expect(subject.comments().map((c) => c.id)).toEqual([1]);
    expect(live.topic.mock.calls).toEqual([['articles', '5'], ['articles/dragons/comments', '6']]);
  });

  it('applies edits of this article, keeping what only the reader knows, and ignores other articles', () => {
    answerArticle(article('dragons'), '5');
    answerComments([], '5');
    live.send('articles', articleChange('updated', 'wyverns', { ...article('wyverns'), favorited: false }));
    live.send('articles', articleChange('updated', 'dragons', { ...article('dragons', 'Dragons, edited'), favorited: false }));
    expect(subject.article()?.title).toBe('Dragons, edited');
    expect(subject.article()?.favorited).toBe(true);
    live.send('articles', articleChange('deleted', 'wyverns', null));
    expect(subject.status()).toBe('loaded');
    live.send('articles', articleChange('deleted', 'dragons', null));
    expect(subject.status()).toBe('deleted');
  });

  it('after a reset of the comments, reads only the comments again and goes on from their cursor', () => {
    answerArticle(article('dragons'), '5');
    answerComments([comment(1)], '5');
    live.send('articles/dragons/comments', { kind: 'reset', topic: 'articles/dragons/comments', reason: 'cursor too old' });
    http.expectNone('/api/articles/dragons');
    answerComments([comment(1), comment(2)], '40');
    expect(subject.comments().map((c) => c.id)).toEqual([1, 2]);
    expect(live.resubscribe).toHaveBeenCalledWith('articles/dragons/comments', '40');
  });

  it('says the article is missing when the API answers 404, and follows nothing', () => {
    const comments = http.expectOne('/api/articles/dragons/comments');
    http.expectOne('/api/articles/dragons').flush({ errors: { article: ['not found'] } }, { status: 404, statusText: 'Not Found' });
    expect(comments.cancelled).toBe(true);
    expect(subject.status()).toBe('missing');
    expect(live.topic).not.toHaveBeenCalled();
  });

  it('shows an article whose comments could not be read, and follows its comments from now', () => {
    answerArticle(article('dragons'), '5');
    http.expectOne('/api/articles/dragons/comments').flush(null, { status: 500, statusText: 'Error' });
    expect(subject.status()).toBe('loaded');
    expect(live.topic.mock.calls).toEqual([['articles', '5'], ['articles/dragons/comments', undefined]]);
  });

  it("takes the reader's own ♥ and follows from another tab, and keeps them through the stream's anonymous fields", () => {
    answerArticle(article('dragons'), '5');
    answerComments([comment(1)], '5');
    otherTabs.next({ kind: 'favorite', slug: 'wyverns', favorited: false });
    expect(subject.article()?.favorited).toBe(true);
    otherTabs.next({ kind: 'favorite', slug: 'dragons', favorited: false });
    expect(subject.article()?.favorited).toBe(false);
    otherTabs.next({ kind: 'following', username: 'ann', following: true });
    expect(subject.article()?.author.following).toBe(true);
    otherTabs.next({ kind: 'following', username: 'ann', following: false });
    otherTabs.next({ kind: 'following', username: 'bob', following: true });
    expect(subject.comments()[0].author.following).toBe(true);
    // Following a commenter makes them neither the article's author nor followed as its author.
    expect(subject.article()?.author).toEqual({ username: 'ann', bio: null, image: null, following: false });
    otherTabs.next({ kind: 'following', username: 'ann', following: true });
    live.send('articles', articleChange('updated', 'dragons', { ...article('dragons', 'Dragons, edited'), favorited: true, favoritesCount: 7 }));
    expect(subject.article()).toMatchObject({ title: 'Dragons, edited', favorited: false, favoritesCount: 7, author: { following: true } });
  });

  it('applies a ♥ from another tab after the snapshot that was in flight, not under it', () => {
    otherTabs.next({ kind: 'favorite', slug: 'dragons', favorited: false });
    answerArticle(article('dragons'), '5');
    answerComments([], '5');
    expect(subject.article()?.favorited).toBe(false);
  });
});
