import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Profile } from '@conduit/contract';
import { Session } from '../core/auth/session';
import { TabChannel } from '../core/tabs/tab-channel';
import { FollowButton } from './follow-button';

const ann = (following: boolean): Profile => ({ username: 'ann', bio: null, image: null, following });

describe('FollowButton', () => {
  let fixture: ComponentFixture<FollowButton>;
  let http: HttpTestingController;
  let emitted: Profile[];
  const post = jest.fn();

  beforeEach(async () => {
    post.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: Session, useValue: { signedIn: signal(true) } },
        { provide: TabChannel, useValue: { post } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FollowButton);
    emitted = [];
    fixture.componentInstance.changed.subscribe((profile) => emitted.push(profile));
  });

  afterEach(() => http.verify());

  async function show(profile: Profile): Promise<HTMLButtonElement> {
    fixture.componentRef.setInput('profile', profile);
    await fixture.whenStable();
    return fixture.nativeElement.querySelector('button');
  }

  it('offers to follow an author the reader does not follow', async () => {
    const button = await show(ann(false));
    expect(button.textContent?.replace(/\s+/g, ' ').trim()).toBe('+ Follow ann');
    expect(button.classList).toContain('btn-outline-secondary');
    expect(button.getAttribute('aria-pressed')).toBe('false');
  });

  it("follows through the API, is disabled meanwhile, then tells the other tabs and emits the API's answer", async () => {
    const button = await show(ann(false));
    button.click();
    await fixture.whenStable();
    const request = http.expectOne('/api/profiles/ann/follow');
    expect(request.request.method).toBe('POST');
    expect(button.disabled).toBe(true);

    request.flush({ profile: ann(true) });
    await fixture.whenStable();
    expect(button.disabled).toBe(false);
    expect(post).toHaveBeenCalledWith({ kind: 'following', username: 'ann', following: true });
    expect(emitted).toEqual([ann(true)]);
  });

  it('unfollows with DELETE', async () => {
    (await show(ann(true))).click();
    const request = http.expectOne('/api/profiles/ann/follow');
    expect(request.request.method).toBe('DELETE');
    request.flush({ profile: ann(false) });
    expect(emitted).toEqual([ann(false)]);
  });

  it('says so beside the button when the request fails, and tells no tab', async () => {
    const button = await show(ann(false));
    button.click();
    http.expectOne('/api/profiles/ann/follow').flush({ errors: { profile: ['not found'] } }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[role="alert"]')?.textContent?.trim()).toBe('profile not found');
    expect(button.disabled).toBe(false);
    expect(post).not.toHaveBeenCalled();
    expect(emitted).toEqual([]);
  });
});
