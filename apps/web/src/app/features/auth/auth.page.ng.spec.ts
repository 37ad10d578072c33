import { REQUEST_CONTEXT } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { EventPhase } from '@angular/core/primitives/event-dispatch';
import { ActivatedRoute, provideRouter } from '@angular/router';
import type { PostedForm } from '@conduit/contract';
import { NEVER } from 'rxjs';
import { Session } from '../../core/auth/session';
import type { RenderContext } from '../../core/ssr/render-context';
import { AuthPage } from './auth.page';

describe('AuthPage', () => {
  let fixture: ComponentFixture<AuthPage>;
  /** The sign-ins the page asked the session for. */
  let logins: string[];

  async function open(mode: 'login' | 'register', postedForm: PostedForm | null = null): Promise<HTMLElement> {
    const context: RenderContext = { sessionToken: null, cspNonce: null, postedForm };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: Session, useValue: { login: (email: string) => (logins.push(email), NEVER) } },
        { provide: ActivatedRoute, useValue: { snapshot: { data: { mode } } } },
        { provide: REQUEST_CONTEXT, useValue: context },
      ],
    });
    logins = [];
    fixture = TestBed.createComponent(AuthPage);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('is a post form to its own page, so that the browser can send it before the app runs', async () => {
    const form = (await open('register')).querySelector('form')!;
    expect([form.getAttribute('method'), form.getAttribute('action')]).toEqual(['post', '/register']);
  });

  it('shows a form the server refused: its errors, the email as typed, never a password', async () => {
    const page = await open('login', { errors: { credentials: ['invalid'] }, values: { email: 'ann@example.com' } });
    expect(page.querySelector('.error-messages')?.textContent?.trim()).toBe('credentials invalid');
    expect(page.querySelector('input[name="email"]')?.getAttribute('value')).toBe('ann@example.com');
    expect(page.querySelector('input[name="password"]')?.hasAttribute('value')).toBe(false);
  });

  it('does not post a submit that Angular replays after hydration: the browser already posted it', async () => {
    const page = await open('login');
    const submit = new SubmitEvent('submit', { cancelable: true });
    Object.defineProperty(submit, 'eventPhase', { value: EventPhase.REPLAY });
    page.querySelector('form')!.dispatchEvent(submit);
    expect(logins).toEqual([]);
  });

  it('signs in itself on a live submit, and keeps the browser from posting it', async () => {
    const page = await open('login');
    (page.querySelector('input[name="email"]') as HTMLInputElement).value = 'ann@example.com';
    (page.querySelector('input[name="password"]') as HTMLInputElement).value = 'correct horse';
    const submit = new SubmitEvent('submit', { cancelable: true });
    page.querySelector('form')!.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(logins).toEqual(['ann@example.com']);
  });

  it('shows the password rule on sign-up before any submit, and how the typed password meets it', async () => {
    const page = await open('register');
    const rules = () => page.querySelector('#password-rules')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(rules()).toBe('At least 8 characters.');
    const password = page.querySelector('input[name="password"]') as HTMLInputElement;
    expect(password.getAttribute('aria-describedby')).toBe('password-rules');
    for (const [typed, shown] of [
      ['abc', 'At least 8 characters. 5 more to go.'],
      ['abcdefgh', 'At least 8 characters. ✓ Long enough.'],
    ]) {
      password.value = typed;
      password.dispatchEvent(new Event('input'));
      await fixture.whenStable();
      expect(rules()).toBe(shown);
    }
  });
});
