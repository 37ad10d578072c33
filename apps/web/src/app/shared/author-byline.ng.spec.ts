import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Profile } from '@conduit/contract';
import { AuthorByline } from './author-byline';
import { DEFAULT_AVATAR } from './avatar';
import { Clock } from './time/clock';

const jake: Profile = { username: 'jake', bio: null, image: 'https://i.example.com/jake.png', following: false };

/** A clock that never starts: the date as the server prints it (time/time-ago.ng.spec.ts covers the rest). */
const serverClock = { provide: Clock, useValue: { now: signal(null), start: () => undefined } };

async function render(author: Profile, date = '2024-01-02T23:30:00.000Z'): Promise<HTMLElement> {
  TestBed.configureTestingModule({ providers: [provideRouter([]), serverClock] });
  const fixture = TestBed.createComponent(AuthorByline);
  fixture.componentRef.setInput('author', author);
  fixture.componentRef.setInput('date', date);
  await fixture.whenStable();
  return fixture.nativeElement;
}

describe('AuthorByline', () => {
  it("links the avatar and the name to the author's profile, the avatar hidden from keyboard and screen readers", async () => {
    const byline = await render(jake);
    const [avatarLink, nameLink] = Array.from(byline.querySelectorAll('a'));
    expect(avatarLink.getAttribute('href')).toBe('/profile/jake');
    expect([avatarLink.getAttribute('tabindex'), avatarLink.getAttribute('aria-hidden')]).toEqual(['-1', 'true']);
    expect(nameLink.classList).toContain('author');
    expect(nameLink.getAttribute('href')).toBe('/profile/jake');
    expect(nameLink.textContent?.trim()).toBe('jake');
  });

  it('prints the date as the RealWorld app does, in UTC on the server, and keeps the exact instant in datetime', async () => {
    const time = (await render(jake)).querySelector('.info time.date')!;
    expect(time.textContent?.trim()).toBe('January 2, 2024');
    expect(time.getAttribute('datetime')).toBe('2024-01-02T23:30:00.000Z');
  });

  it("shows the author's image with an empty alt, the name beside it says who it is", async () => {
    const img = (await render(jake)).querySelector('img')!;
    expect(img.getAttribute('src')).toBe(jake.image);
    expect(img.getAttribute('alt')).toBe('');
  });

  it('shows the default avatar once the image fails to load', async () => {
    const img = (await render(jake)).querySelector('img')!;
    img.dispatchEvent(new Event('error'));
    expect(img.getAttribute('src')).toBe(DEFAULT_AVATAR);
  });

  it.each([null, '', '  '])('shows the default avatar for the image %p', async (image) => {
    const img = (await render({ ...jake, image })).querySelector('img')!;
    expect(img.getAttribute('src')).toBe(DEFAULT_AVATAR);
  });

  // jest-preset-angular leaves component styles out, so the host's `display: contents` is pinned in
  // test/browser/conduit-app.e2e-spec.ts, on a server-rendered page under its CSP.
});
