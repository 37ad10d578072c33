import { createServer, type Server } from 'node:net';
import { SESSION_COOKIE } from '@conduit/contract';
import { rawGet } from '../support/raw-http';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { availableStores } from '../support/stores';

const ERROR_STATE = 'could not be loaded';

/** A listener on another port that counts who connects and hangs up on them: where a steered render would fetch from. */
async function startTrap(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, connections: () => connections, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// The built app (pages need the Angular server bundle), on each store.
describe.each(availableStores())('forged request headers never steer a page (%s)', (store) => {
  let server: ServerProcess;
  let trap: Awaited<ReturnType<typeof startTrap>>;
  let author: Account;
  let reader: Account;
  let pages: { path: string; shows: string }[];

  beforeAll(async () => {
    trap = await startTrap();
    server = await startServerProcess({}, { store });
    author = await registerUser(server.baseUrl, 'edge');
    reader = await registerUser(server.baseUrl, 'edgereader');
    const article = await createArticle(server.baseUrl, author, `Only the true page ${Date.now()}`);
    pages = [
      { path: '/', shows: article.title },
      { path: `/article/${article.slug}`, shows: article.title },
      { path: `/profile/${author.username}`, shows: article.title },
    ];
  });
  afterAll(async () => {
    await server?.stop();
    await trap?.close();
  });

  const attacks = () => ({
    'X-Forwarded-Host at another listener': { 'x-forwarded-host': `127.0.0.1:${trap.port}` },
    'X-Forwarded-Host at a closed port': { 'x-forwarded-host': 'localhost:1' },
    'X-Forwarded-Host and -Proto': { 'x-forwarded-host': `127.0.0.1:${trap.port}`, 'x-forwarded-proto': 'http', 'x-forwarded-port': String(trap.port) },
    'X-Forwarded-Proto https': { 'x-forwarded-proto': 'https' },
    Forwarded: { forwarded: `host=127.0.0.1:${trap.port};proto=http` },
    'Host of another listener on loopback': { host: `127.0.0.1:${trap.port}` },
  });
  const sessions = (): [string, Record<string, string>][] => [
    ['anonymous', {}],
    ['Authorization header', { authorization: `Token ${reader.token}` }],
    ['session cookie', { cookie: `${SESSION_COOKIE}=${reader.token}` }],
  ];

  it('renders the true page, from this server, whatever the forged headers say', async () => {
    for (const [attack, forged] of Object.entries(attacks())) {
      for (const [session, credentials] of sessions()) {
        for (const { path, shows } of pages) {
          const page = await rawGet(server.baseUrl, path, { ...credentials, ...forged });
          const what = `${attack}, ${session}, ${path}`;
          expect({ what, status: page.status }).toEqual({ what, status: 200 });
          expect({ what, shows: page.body.includes(shows), error: page.body.includes(ERROR_STATE) }).toEqual({ what, shows: true, error: false });
        }
      }
    }
    expect(trap.connections()).toBe(0);
  });

  it('answers a Host it does not serve with 400, before rendering', async () => {
    for (const [, credentials] of sessions()) {
      const page = await rawGet(server.baseUrl, '/', { ...credentials, host: 'evil.example' });
      expect(page.status).toBe(400);
      expect(JSON.parse(page.body)).toEqual({ errors: { host: ['is not served here'] } });
    }
  });

  it('leaves plain readers the true page afterwards, and sent nothing to the other listener', async () => {
    for (const [attack, forged] of Object.entries(attacks())) await rawGet(server.baseUrl, '/', forged).then((page) => expect({ attack, status: page.status }).toEqual({ attack, status: 200 }));
    for (const { path, shows } of pages) {
      const page = await fetch(`${server.baseUrl}${path}`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain(shows);
      expect(html).not.toContain(ERROR_STATE);
    }
    expect(trap.connections()).toBe(0);
  });
});
