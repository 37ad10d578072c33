import fc from 'fast-check';
import { SESSION_COOKIE, type Article } from '@conduit/contract';
import { hostileString } from './fuzz/hostile-values.arbitrary';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { startServerProcess, type ServerProcess } from './support/server-process';

const PASSWORD = 'correct horse battery';

interface Answer {
  status: number;
  location: string | null;
  /** `conduit_session=<jwt>` when the answer sets the session cookie, with its attributes apart. */
  session: { pair: string; attributes: string[] } | null;
  contentType: string;
  text: string;
}

/** The error lines a re-rendered page shows (`ul.error-messages`). */
const errorLines = (html: string) => Array.from(html.matchAll(/<ul[^>]* class="error-messages"[^>]*>(.*?)<\/ul>/gs), ([, list]) => Array.from(list.matchAll(/<li>(.*?)<\/li>/g), ([, line]) => line)).flat();

/** The `value` attribute of input `name` in a page, HTML-unescaped only as far as these tests need. */
const inputValue = (html: string, name: string) =>
  Array.from(html.matchAll(/<input [^>]*>/g), ([tag]) => tag).find((tag) => tag.includes(` name="${name}"`))?.match(/ value="([^"]*)"/)?.[1] ?? null;

/**
 * The forms browsers post to pages by themselves (`<form method="post">`, before the app's script runs or
 * without it), against the built app: the same rules, session cookie and CSRF check as the JSON API, a 303
 * when done, the page again with its errors when refused, and hostile posts refused without a 500.
 */
describe('page forms posted natively (urlencoded, to the page itself)', () => {
  let server: ServerProcess;
  let author: Account;
  let article: Article;
  const origin = () => server.baseUrl;

  beforeAll(async () => {
    server = await startServerProcess({ THROTTLE_AUTH_LIMIT: '0', LOGIN_FAILURE_LIMIT: '0' });
    author = await registerUser(server.baseUrl, 'former');
    article = await createArticle(server.baseUrl, author, 'Commented by form');
  });
  afterAll(() => server.stop());

  /** A browser's own form post: urlencoded, from a page of this origin unless `headers` say otherwise. */
  async function post(path: string, fields: string | Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Answer> {
    const body = typeof fields === 'string' ? fields : new URLSearchParams(Object.entries(fields).flatMap(([name, value]) => ([] as string[]).concat(value).map((one) => [name, one]))).toString();
    const res = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: origin(), 'sec-fetch-site': 'same-origin', ...headers },
      body,
    });
    const cookie = res.headers.getSetCookie().find((header) => header.startsWith(`${SESSION_COOKIE}=`));
    const [pair, ...attributes] = cookie ? cookie.split(';').map((part) => part.trim()) : [];
    return { status: res.status, location: res.headers.get('location'), session: cookie ? { pair, attributes } : null, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  const signedIn = (account: Account) => ({ cookie: `${SESSION_COOKIE}=${account.token}` });
  const api = async <T>(path: string, headers: Record<string, string> = {}): Promise<T> => (await (await fetch(`${server.baseUrl}/api${path}`, { headers })).json()) as T;

  describe('signing up and in', () => {
    it('signs up: 303 to the home page with the http-only session cookie, which then speaks for the new account', async () => {
      const username = `formed_${Date.now().toString(36)}`;
      const answer = await post('/register', { username: ` ${username} `, email: `${username}@example.com`, password: PASSWORD });
      expect([answer.status, answer.location]).toEqual([303, '/']);
      expect(answer.session?.attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']));
      const me = await api<{ user: { username: string } }>('/user', { cookie: answer.session!.pair });
      expect(me.user.username).toBe(username);
    });

    it('signs in: 303 to the home page with a session cookie', async () => {
      const answer = await post('/login', { email: author.email, password: PASSWORD });
      expect([answer.status, answer.location]).toEqual([303, '/']);
      expect((await api<{ user: { username: string } }>('/user', { cookie: answer.session!.pair })).user.username).toBe(author.username);
    });

    it('answers a wrong password with the sign-in page again: its error, the email kept, the password nowhere', async () => {
      const answer = await post('/login', { email: author.email, password: 'not the password at all' });
      expect(answer.status).toBe(401);
      expect(answer.contentType).toMatch(/^text\/html/);
      expect(answer.session).toBeNull();
      expect(errorLines(answer.text)).toEqual(['credentials invalid']);
      expect(inputValue(answer.text, 'email')).toBe(author.email);
      expect(inputValue(answer.text, 'password')).toBeNull();
      expect(answer.text).not.toContain('not the password at all');
    });

    it('answers a registration the API refuses with the page again, under the same rules and status (422, 409)', async () => {
      const short = await post('/register', { username: 'shorty', email: 'shorty@example.com', password: 'seven77' });
      expect(short.status).toBe(422);
      expect(errorLines(short.text)).toEqual(['password is too short (minimum is 8 characters)']);
      expect([inputValue(short.text, 'username'), inputValue(short.text, 'email')]).toEqual(['shorty', 'shorty@example.com']);
      expect(short.text).not.toContain('seven77');
      const taken = await post('/register', { username: author.username, email: 'other@example.com', password: PASSWORD });
      expect(taken.status).toBe(409);
      expect(errorLines(taken.text)).toEqual(['username has already been taken']);
    });

    it('never lets a refused page be stored: private, no-store', async () => {
      const res = await fetch(`${server.baseUrl}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: origin() },
        body: 'email=a%40b.c&password=wrongwrong',
      });
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('x-page-cache')).toBeNull();
    });
  });

  describe('writing as a signed-in reader', () => {
    it('updates the settings (an unticked box is false, an empty password keeps it), renews the cookie and goes to the profile', async () => {
      const reader = await registerUser(server.baseUrl, 'settler');
      const answer = await post('/settings', { image: '', username: reader.username, bio: ' Bio by form ', email: reader.email, password: '' }, signedIn(reader));
      expect([answer.status, answer.location]).toEqual([303, `/profile/${reader.username}`]);
      expect(answer.session).not.toBeNull();
      const me = await api<{ user: { bio: string; showAsReading: boolean } }>('/user', { cookie: answer.session!.pair });
      expect(me.user).toMatchObject({ bio: 'Bio by form', showAsReading: false });
      expect((await post('/login', { email: reader.email, password: PASSWORD })).status).toBe(303);
    });

    it('changes the password: the new cookie holds, the old session is revoked', async () => {
      const reader = await registerUser(server.baseUrl, 'rekeyed');
      const answer = await post('/settings', { username: reader.username, email: reader.email, password: 'a brand new password', showAsReading: 'on' }, signedIn(reader));
      expect(answer.status).toBe(303);
      expect((await fetch(`${server.baseUrl}/api/user`, { headers: { cookie: answer.session!.pair } })).status).toBe(200);
      expect((await post('/login', { email: reader.email, password: 'a brand new password' })).status).toBe(303);
    });

    it('answers refused settings with the page again, the typed values in it and nothing saved', async () => {
      const reader = await registerUser(server.baseUrl, 'unsettled');
      const answer = await post('/settings', { image: 'http://insecure.example/me.png', username: reader.username, bio: 'kept', email: reader.email, password: 'secret-new-one' }, signedIn(reader));
      expect(answer.status).toBe(422);
      expect(errorLines(answer.text)).toEqual(['image must be an https URL']);
      expect(inputValue(answer.text, 'image')).toBe('http://insecure.example/me.png');
      expect(answer.text).not.toContain('secret-new-one');
      expect((await api<{ user: { image: string | null } }>('/user', signedIn(reader))).user.image).toBeNull();
    });

    it('publishes an article (tags from the hidden fields and the tag field) and edits it, each a 303 to the article', async () => {
      const created = await post('/editor', { title: 'Published by form', description: 'No script', body: 'Plain *markdown*', tagList: 'kept', tags: 'one, two,,' }, signedIn(author));
      expect([created.status, created.location]).toEqual([303, '/article/published-by-form']);
      const { article: saved } = await api<{ article: Article }>('/articles/published-by-form');
      expect(saved).toMatchObject({ title: 'Published by form', description: 'No script', body: 'Plain *markdown*' });
      expect([...saved.tagList].sort()).toEqual(['kept', 'one', 'two']);
      const edited = await post('/editor/published-by-form', { title: 'Edited by form', description: 'Still none', body: 'Changed', tagList: ['kept', 'one'], tags: '' }, signedIn(author));
      expect([edited.status, edited.location]).toEqual([303, '/article/published-by-form']);
      const { article: changed } = await api<{ article: Article }>('/articles/published-by-form');
      expect([changed.title, [...changed.tagList].sort()]).toEqual(['Edited by form', ['kept', 'one']]);
    });

    it("creates one article from a page's form posted twice (a double click), and another once its text changed", async () => {
      const fields = { title: 'Posted twice', description: 'Once only', body: 'Same page', idempotencyKey: 'page-key-1' };
      const [first, second] = await Promise.all([post('/editor', fields, signedIn(author)), post('/editor', fields, signedIn(author))]);
      expect([first.status, first.location]).toEqual([303, '/article/posted-twice']);
      expect([second.status, second.location]).toEqual([303, '/article/posted-twice']);
      const changed = await post('/editor', { ...fields, body: 'Written again after going back' }, signedIn(author));
      expect(changed.status).toBe(303);
      expect(changed.location).not.toBe('/article/posted-twice');
      expect((await api<{ articles: Article[] }>(`/articles?author=${author.username}&limit=100`)).articles.filter((one) => one.title === 'Posted twice')).toHaveLength(2);
    });

    it('answers a blank article with the editor again, its texts and tags kept, and creates nothing', async () => {
      const answer = await post('/editor', { title: '   ', description: 'Described', body: 'A body', tagList: 'chosen', tags: 'typed' }, signedIn(author));
      expect(answer.status).toBe(422);
      // The editor says a field's error beside it.
      expect(answer.text).toMatch(/<p [^>]*id="title-error"[^>]*>title can't be blank<\/p>/);
      expect([inputValue(answer.text, 'description'), inputValue(answer.text, 'tags'), inputValue(answer.text, 'tagList')]).toEqual(['Described', 'typed', 'chosen']);
      expect((await api<{ articlesCount: number }>(`/articles?author=${author.username}&tag=typed`)).articlesCount).toBe(0);
    });

    it("refuses another author's article as the API does (403), on the editor page", async () => {
      const stranger = await registerUser(server.baseUrl, 'intruder');
      const answer = await post(`/editor/${article.slug}`, { title: 'Taken over', description: 'x', body: 'y' }, signedIn(stranger));
      expect(answer.status).toBe(403);
      expect((await api<{ article: Article }>(`/articles/${article.slug}`)).article.title).toBe(article.title);
    });

    it('posts a comment (303 back to the article) and answers a blank one with the page again', async () => {
      const posted = await post(`/article/${article.slug}`, { body: ' A comment by form ' }, signedIn(author));
      expect([posted.status, posted.location]).toEqual([303, `/article/${article.slug}`]);
      const { comments } = await api<{ comments: { body: string }[] }>(`/articles/${article.slug}/comments`);
      expect(comments.map((comment) => comment.body)).toContain('A comment by form');
      const blank = await post(`/article/${article.slug}`, { body: '  \n ' }, signedIn(author));
      expect(blank.status).toBe(422);
      expect(errorLines(blank.text)).toEqual(["body can't be blank"]);
    });

    it('sends a signed-out post of a signed-in form to the sign-in page, and writes nothing', async () => {
      const answer = await post('/editor', { title: 'Anonymous', description: 'x', body: 'y' });
      expect([answer.status, answer.location]).toEqual([302, '/login']);
      expect((await fetch(`${server.baseUrl}/api/articles/anonymous`)).status).toBe(404);
    });
  });

  describe('hostile posts', () => {
    it.each([
      ['JSON', 'application/json', JSON.stringify({ user: { email: 'a@b.c', password: PASSWORD } })],
      ['plain text', 'text/plain', 'email=a@b.c&password=x'],
      ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c\r\n--x--\r\n'],
      ['no content type', '', 'email=a@b.c'],
    ])('refuses a %s body with 415', async (_name, contentType, body) => {
      const answer = await post('/login', body, { 'content-type': contentType });
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.text)).toEqual({ errors: { body: ['must be a form (application/x-www-form-urlencoded)'] } });
      expect(answer.session).toBeNull();
    });

    it('refuses a body over 768 KiB, and more fields than a form has, with 413', async () => {
      expect((await post('/editor', `body=${'a'.repeat(800 * 1024)}`, signedIn(author))).status).toBe(413);
      expect((await post('/login', Array.from({ length: 100 }, (_, i) => `f${i}=1`).join('&'))).status).toBe(413);
    });

    it('takes a repeated field, a bracketed name or a prototype key as no string: 422, no object built from them', async () => {
      const repeated = await post('/login', 'email=a%40b.c&email=d%40e.f&password=x');
      expect([repeated.status, errorLines(repeated.text)]).toEqual([422, ['email must be a string']]);
      const bracketed = await post('/register', 'user[email]=a%40b.c&username[]=x&password[a]=y&__proto__[admin]=1&constructor=1');
      expect(bracketed.status).toBe(422);
      expect(errorLines(bracketed.text)).toEqual(['username must be a string', 'email must be a string', 'password must be a string']);
      const article = await post('/editor', 'title=T&description=D&body=B&tagList=&tags=a', signedIn(author));
      expect([article.status, errorLines(article.text)]).toEqual([422, ["tagList can't hold a blank tag"]]);
    });

    it('refuses a malformed page key as the Idempotency-Key header is refused', async () => {
      const answer = await post('/editor', 'title=T&description=D&body=B&idempotencyKey=%3Cscript%3E', signedIn(author));
      expect([answer.status, errorLines(answer.text)]).toEqual([422, ["Idempotency-Key must be 1 to 64 letters, digits, '.', '_', ':' or '-'"]]);
    });

    it('refuses missing fields as the JSON API refuses missing keys', async () => {
      const answer = await post('/login', 'unrelated=1');
      expect([answer.status, errorLines(answer.text)]).toEqual([422, ['email must be a string', 'password must be a string']]);
    });

    it('refuses a NUL character with 422', async () => {
      const answer = await post('/login', 'email=a%00b&password=x');
      expect([answer.status, JSON.parse(answer.text)]).toEqual([422, { errors: { body: ['must not hold NUL characters'] } }]);
    });

    it.each([
      ['another site by Origin', { origin: 'https://evil.example', 'sec-fetch-site': '' }],
      ['another site by Sec-Fetch-Site', { 'sec-fetch-site': 'cross-site' }],
      ['a sibling subdomain', { 'sec-fetch-site': 'same-site' }],
      ['no Origin nor Sec-Fetch-Site', { origin: '', 'sec-fetch-site': '' }],
    ])('refuses a post from %s with 403 (JSON, no page), signs nobody in and writes nothing', async (_name, headers) => {
      const clean = (extra: Record<string, string>) => Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== ''));
      const base = { 'content-type': 'application/x-www-form-urlencoded' };
      const send = (path: string, body: string, cookie?: string) =>
        fetch(`${server.baseUrl}${path}`, { method: 'POST', redirect: 'manual', headers: { ...base, ...clean({ origin: origin(), ...headers }), ...(cookie ? { cookie } : {}) }, body });
      const login = await send('/login', `email=${encodeURIComponent(author.email)}&password=${encodeURIComponent(PASSWORD)}`);
      expect(login.status).toBe(403);
      expect(login.headers.getSetCookie()).toEqual([]);
      expect(await login.json()).toEqual({ errors: { origin: ['must be this site for a cookie session'] } });
      const write = await send('/editor', 'title=Forged&description=x&body=y', signedIn(author).cookie);
      expect(write.status).toBe(403);
      expect((await fetch(`${server.baseUrl}/api/articles/forged`)).status).toBe(404);
    });

    it('leaves the JSON API as it was: a form body to /api is not read as one', async () => {
      const res = await fetch(`${server.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `user=${encodeURIComponent(JSON.stringify({ email: author.email, password: PASSWORD }))}`,
      });
      expect(res.status).toBe(422);
    });

    it('answers any generated form post to any form page below 500, never echoes a password, and logs no error', async () => {
      const paths = ['/login', '/register', '/settings', '/editor', `/editor/${article.slug}`, `/article/${article.slug}`];
      const field = fc.constantFrom('email', 'username', 'password', 'image', 'bio', 'showAsReading', 'title', 'description', 'body', 'tags', 'tagList', 'idempotencyKey', '__proto__', 'x[y]');
      const secret = 'pw-Secret-9f3a';
      // Its own account: a generated settings post may rename it or change its password.
      const fuzzed = await registerUser(server.baseUrl, 'fuzzed');
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), fc.array(fc.tuple(field, hostileString), { maxLength: 12 }), fc.boolean(), async (path, fields, withSession) => {
          const body = new URLSearchParams([...fields, ['password', secret]]).toString();
          const answer = await post(path, body, withSession ? signedIn(fuzzed) : {});
          expect(answer.status).toBeLessThan(500);
          expect(answer.text).not.toContain(secret);
        }),
        { numRuns: 60, seed: 19 },
      );
      const errors = server.logLines().filter((line) => line.level >= 50);
      expect(errors).toEqual([]);
    });
  });
});
