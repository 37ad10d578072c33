import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Article, ArticleSummary } from '@conduit/contract';
import { Session } from '../core/auth/session';
import { ArticlePreview } from './article-preview';
import { DEFAULT_AVATAR } from './avatar';
import { Clock } from './time/clock';

const preview: ArticleSummary = {
  slug: 'dragons-101', title: 'Dragons 101', description: 'Ever wonder how?', tagList: ['dragons', 'training'],
  createdAt: '2024-01-02T23:30:00.000Z', updatedAt: '2024-01-03T00:00:00.000Z', favorited: false, favoritesCount: 4,
  author: { username: 'jake', bio: null, image: '', following: false },
};

describe('ArticlePreview', () => {
  let fixture: ComponentFixture<ArticlePreview>;
  let element: HTMLElement;
  const text = (selector: string) => element.querySelector(selector)?.textContent?.trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), { provide: Session, useValue: { signedIn: signal(true) } },
        // The date as the server prints it, whatever the machine's zone (time/time-ago.ng.spec.ts covers the browser's).
        { provide: Clock, useValue: { now: signal(null), start: () => undefined } }],
    });
    fixture = TestBed.createComponent(ArticlePreview);
    fixture.componentRef.setInput('article', preview);
    await fixture.whenStable();
    element = fixture.nativeElement;
  });

  it('shows the RealWorld summary: author, date, title, description and tags in order', () => {
    expect(text('.article-meta .author')).toBe('jake');
    expect(text('.article-meta .date')).toBe('January 2, 2024');
    expect(element.querySelector('time')?.getAttribute('datetime')).toBe(preview.createdAt);
    // The RealWorld suite clicks and reads `.article-preview h1:first-child`.
    expect(text('.article-preview .preview-link > h1:first-child')).toBe('Dragons 101');
    expect(element.querySelector('.preview-link h1')?.getAttribute('aria-level')).toBe('3');
    expect(text('.preview-link p')).toBe('Ever wonder how?');
    expect(Array.from(element.querySelectorAll('.tag-list li'), (li) => li.textContent?.trim())).toEqual(['dragons', 'training']);
    expect(element.querySelector('[data-testid="favorites-count"]')?.textContent).toBe('4');
  });

  it("links to the author's profile and to the article", () => {
    expect(element.querySelector('a.author')?.getAttribute('href')).toBe('/profile/jake');
    expect(element.querySelector('a.preview-link')?.getAttribute('href')).toBe('/article/dragons-101');
  });

  it('shows the default avatar for an author without an image', () => {
    expect(element.querySelector('.article-meta img')?.getAttribute('src')).toBe(DEFAULT_AVATAR);
  });

  it('has no tag list for an article without tags', async () => {
    fixture.componentRef.setInput('article', { ...preview, tagList: [] });
    await fixture.whenStable();
    expect(element.querySelector('.tag-list')).toBeNull();
  });

  it("passes on the API's answer when the reader favorites the article", async () => {
    const favorited: Article[] = [];
    fixture.componentInstance.favorited.subscribe((article) => favorited.push(article));
    element.querySelector<HTMLButtonElement>('app-favorite-button button')!.click();
    const answer: Article = { ...preview, favorited: true, favoritesCount: 5, body: 'b' };
    TestBed.inject(HttpTestingController).expectOne({ method: 'POST', url: '/api/articles/dragons-101/favorite' }).flush({ article: answer });
    expect(favorited).toEqual([answer]);
  });
});
