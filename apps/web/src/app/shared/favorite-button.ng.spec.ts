import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { Article, ArticleSummary } from '@conduit/contract';
import { Session } from '../core/auth/session';
import { TabChannel } from '../core/tabs/tab-channel';
import { FavoriteButton } from './favorite-button';

const summary = (favorited: boolean, favoritesCount: number): ArticleSummary => ({
  slug: 'how-to-train', title: 'How to train', description: 'd', tagList: [], createdAt: '2024-01-02T00:00:00.000Z',
  updatedAt: '2024-01-02T00:00:00.000Z', favorited, favoritesCount, author: { username: 'ann', bio: null, image: null, following: false },
});

describe('FavoriteButton', () => {
  const signedIn = signal(true);
  let fixture: ComponentFixture<FavoriteButton>;
  let http: HttpTestingController;
  let emitted: Article[];
  const post = jest.fn();

  beforeEach(() => {
    signedIn.set(true);
    post.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: Session, useValue: { signedIn } },
        { provide: TabChannel, useValue: { post } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FavoriteButton);
    emitted = [];
    fixture.componentInstance.changed.subscribe((article) => emitted.push(article));
  });

  afterEach(() => http.verify());

  async function show(article: ArticleSummary, full = false): Promise<HTMLButtonElement> {
    fixture.componentRef.setInput('article', article);
    fixture.componentRef.setInput('full', full);
    await fixture.whenStable();
    return fixture.nativeElement.querySelector('button');
  }

  it('shows an article the reader has not favorited as an outline heart with its count', async () => {
    const button = await show(summary(false, 1));
    expect(button.classList).toContain('btn-outline-primary');
    expect(button.classList).not.toContain('btn-primary');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.getAttribute('aria-label')).toBe('Favorite "How to train", 1 favorite');
    expect(button.querySelector('[data-testid="favorites-count"]')?.textContent).toBe('1');
  });

  it("shows the reader's favorite as a filled, pressed button", async () => {
    const button = await show(summary(true, 3));
    expect(button.classList).toContain('btn-primary');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.getAttribute('aria-label')).toBe('Unfavorite "How to train", 3 favorites');
  });

  it("uses the article page's wording when full", async () => {
    const button = await show(summary(true, 3), true);
    expect(button.textContent?.replace(/\s+/g, ' ').trim()).toBe('♥ Unfavorite Article (3)');
    expect(button.hasAttribute('aria-label')).toBe(false);
  });

  it("favorites through the API, is disabled meanwhile, then tells the other tabs and emits the API's answer", async () => {
    const button = await show(summary(false, 1));
    button.click();
    await fixture.whenStable();
    const request = http.expectOne('/api/articles/how-to-train/favorite');
    expect(request.request.method).toBe('POST');
    expect(button.disabled).toBe(true);

    const answer: Article = { ...summary(true, 2), body: 'b' };
    expect(post).not.toHaveBeenCalled();
    request.flush({ article: answer });
    await fixture.whenStable();
    expect(post).toHaveBeenCalledWith({ kind: 'favorite', slug: 'how-to-train', favorited: true });
    expect(emitted).toEqual([answer]);
    expect(button.disabled).toBe(false);
  });

  it('unfavorites a favorited article with DELETE', async () => {
    (await show(summary(true, 2))).click();
    const request = http.expectOne('/api/articles/how-to-train/favorite');
    expect(request.request.method).toBe('DELETE');
    request.flush({ article: { ...summary(false, 1), body: 'b' } });
    expect(emitted.map((a) => a.favorited)).toEqual([false]);
  });

  it('emits nothing and can be pressed again when the API refuses', async () => {
    const button = await show(summary(false, 1));
    button.click();
    http.expectOne('/api/articles/how-to-train/favorite').flush({ errors: { body: ['nope'] } }, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(emitted).toEqual([]);
    expect(post).not.toHaveBeenCalled();
    expect(button.disabled).toBe(false);
  });

  it('says so beside the button when the request fails, offline for one, and clears it on the next try', async () => {
    const button = await show(summary(false, 2));
    button.click();
    http.expectOne('/api/articles/how-to-train/favorite').error(new ProgressEvent('error'));
    await fixture.whenStable();
    const alert = () => fixture.nativeElement.querySelector('[role="alert"]') as HTMLElement | null;
    expect(alert()?.textContent?.trim()).toBe('The server could not be reached. Check your connection and try again.');
    button.click();
    await fixture.whenStable();
    expect(alert()).toBeNull();
    http.expectOne('/api/articles/how-to-train/favorite').flush({ article: { ...summary(true, 3), body: 'b' } });
  });

  it('sends a signed-out reader to the sign-in page instead of calling the API', async () => {
    signedIn.set(false);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    (await show(summary(false, 1))).click();
    expect(navigate).toHaveBeenCalledWith('/login');
    http.expectNone('/api/articles/how-to-train/favorite');
  });
});
