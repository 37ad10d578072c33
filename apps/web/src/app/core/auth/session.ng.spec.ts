import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { PLATFORM_ID, REQUEST_CONTEXT, TransferState, makeStateKey } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LiveConnection } from '@conduit/live-angular';
import { authInterceptor } from './auth.interceptor';
import { Session } from './session';

const jake = { username: 'jake', email: 'jake@example.com', bio: null, image: null };
const SESSION_KEY = makeStateKey<unknown>('conduit-session');

/** The socket is reopened when the reader changes; here only who it was told. */
class FakeLiveConnection {
  readers: (string | null)[] = [];
  renewals = 0;
  setReader(reader: string | null): void {
    this.readers.push(reader);
  }
  renewSession(): void {
    this.renewals += 1;
  }
}

function setUp(platform: 'browser' | 'server', sessionToken: string | null = null) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      { provide: PLATFORM_ID, useValue: platform },
      { provide: LiveConnection, useClass: FakeLiveConnection },
      ...(platform === 'server' ? [{ provide: REQUEST_CONTEXT, useValue: { sessionToken } }] : []),
    ],
  });
  return { session: TestBed.inject(Session), http: TestBed.inject(HttpTestingController), state: TestBed.inject(TransferState) };
}

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('Session in the browser', () => {
  it('signs in through /api/session and holds the user, never a token: nothing in storage or cookies', () => {
    const { session, http } = setUp('browser');
    session.login('jake@example.com', 'secret').subscribe();
    const call = http.expectOne('/api/session');
    expect(call.request.method).toBe('POST');
    expect(call.request.body).toEqual({ user: { email: 'jake@example.com', password: 'secret' } });
    expect(call.request.headers.has('Authorization')).toBe(false);
    // Even an answer that held a token (a token client's) leaves none in the app.
    call.flush({ user: { ...jake, token: 'a.b.c' } });
    expect(session.user()).toEqual(jake);
    expect(session.state()).toBe('authenticated');
    expect([localStorage.length, sessionStorage.length, document.cookie]).toEqual([0, 0, '']);
    http.verify();
  });

  it('signs up through /api/session/registration', () => {
    const { session, http } = setUp('browser');
    session.register('jake', 'jake@example.com', 'secret').subscribe();
    const call = http.expectOne('/api/session/registration');
    expect(call.request.body).toEqual({ user: { username: 'jake', email: 'jake@example.com', password: 'secret' } });
    call.flush({ user: jake });
    expect(session.signedIn()).toBe(true);
  });

  it('signs out only once the API cleared the cookie', () => {
    const { session, http } = setUp('browser');
    session.login('jake@example.com', 'secret').subscribe();
    http.expectOne('/api/session').flush({ user: jake });
    session.logout().subscribe();
    expect(session.signedIn()).toBe(true);
    const call = http.expectOne('/api/session');
    expect(call.request.method).toBe('DELETE');
    call.flush(null, { status: 204, statusText: 'No Content' });
    expect([session.signedIn(), session.state()]).toEqual([false, 'unauthenticated']);
  });

  it('tells the socket who reads, so that it reopens with the new cookie', () => {
    const { session, http } = setUp('browser');
    const live = TestBed.inject(LiveConnection) as unknown as FakeLiveConnection;
    TestBed.tick();
    session.login('jake@example.com', 'secret').subscribe();
    http.expectOne('/api/session').flush({ user: jake });
    TestBed.tick();
    expect(live.readers).toEqual([null, 'jake']);
  });

  it('reopens the socket after a settings change, whose answer renewed the cookie', () => {
    const { session, http } = setUp('browser');
    const live = TestBed.inject(LiveConnection) as unknown as FakeLiveConnection;
    session.update({ password: 'a new password' }).subscribe();
    expect(live.renewals).toBe(0);
    http.expectOne('/api/user').flush({ user: jake });
    expect(live.renewals).toBe(1);
  });

  it('takes the reader from what the server transferred, without asking the API', async () => {
    const { session, http, state } = setUp('browser');
    state.set(SESSION_KEY, { user: jake });
    await session.restore();
    expect(session.user()).toEqual(jake);
    http.verify();
  });

  it('clears a session the server found refused (expired) and reads as anonymous', async () => {
    const { session, http, state } = setUp('browser');
    state.set(SESSION_KEY, { user: null, state: 'refused' });
    await session.restore();
    expect(session.state()).toBe('unauthenticated');
    expect(http.expectOne('/api/session').request.method).toBe('DELETE');
  });
});

describe('Session during SSR', () => {
  it("asks /api/user with the session's token and transfers the user without it", async () => {
    const { session, http, state } = setUp('server', 'jwt.1');
    const restored = session.restore();
    const call = http.expectOne('/api/user');
    expect(call.request.headers.get('Authorization')).toBe('Token jwt.1');
    call.flush({ user: { ...jake, token: 'fresh.jwt.2' } });
    await restored;
    expect(state.get(SESSION_KEY, null)).toEqual({ user: jake });
    expect(JSON.stringify(state.toJson())).not.toContain('jwt');
  });

  it('renders the rest of the page anonymously when the API refuses the session', async () => {
    const { session, http, state } = setUp('server', 'expired');
    const restored = session.restore();
    http.expectOne('/api/user').flush({ errors: { token: ['has expired'] } }, { status: 401, statusText: 'Unauthorized' });
    await restored;
    expect(state.get(SESSION_KEY, null)).toEqual({ user: null, state: 'refused' });
    TestBed.inject(HttpClient).get('/api/tags').subscribe();
    expect(http.expectOne('/api/tags').request.headers.has('Authorization')).toBe(false);
  });
});
