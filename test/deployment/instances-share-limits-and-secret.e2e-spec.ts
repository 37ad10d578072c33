import { startApiCluster, type ApiCluster, type ClusterInstance } from '../support/api-cluster';
import { postgresProblem } from '../support/postgres';
import { redisProblem } from '../support/redis';
import { requireOrSkip } from '../support/service-availability';

const problems = [postgresProblem(), redisProblem()].filter(Boolean).join('; ');
const describeWithServices = requireOrSkip('PostgreSQL and Redis', problems === '', problems) ? describe : describe.skip;

const WRITE_LIMIT = 4;
const LOGIN_FAILURE_LIMIT = 3;

describeWithServices('two built instances on one Postgres and Redis, without JWT_SECRET', () => {
  let cluster: ApiCluster;
  let first: ClusterInstance;
  let second: ClusterInstance;
  const account = { username: 'shared', email: 'shared@example.com', password: 'correct horse battery' };
  let token: string;

  beforeAll(async () => {
    cluster = await startApiCluster({
      size: 2,
      env: {
        JWT_SECRET: '',
        THROTTLE_WRITE_LIMIT: String(WRITE_LIMIT),
        THROTTLE_AUTH_LIMIT: '100',
        THROTTLE_TTL_SECONDS: '3600',
        LOGIN_FAILURE_LIMIT: String(LOGIN_FAILURE_LIMIT),
      },
    });
    [first, second] = cluster.instances;
    const registered = await first.request<{ user: { token: string } }>('POST', '/users', { user: account });
    expect(registered.status).toBe(201);
    token = registered.body.user.token;
  });
  afterAll(() => cluster?.close());

  it('takes a token issued by one instance on the other, and the other way round', async () => {
    expect((await second.request<{ user: { username: string } }>('GET', '/user', undefined, token)).body.user?.username).toBe(account.username);
    const login = await second.request<{ user: { token: string } }>('POST', '/users/login', { user: account });
    expect(login.status).toBe(200);
    expect((await first.request('GET', '/user', undefined, login.body.user.token)).status).toBe(200);
  });

  it('shares the write limit of an address: the writes over it are refused whichever instance takes them', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < WRITE_LIMIT + 2; i++) {
      const instance = i % 2 === 0 ? first : second;
      statuses.push((await instance.request('POST', '/articles', { article: { title: `Shared ${i}`, description: 'd', body: 'b' } }, token)).status);
    }
    expect(statuses).toEqual([...Array(WRITE_LIMIT).fill(201), 429, 429]);
  });

  it("shares an account's failed logins: past the limit, the right password is refused on either instance", async () => {
    const victim = { username: 'victim', email: 'victim@example.com', password: 'correct horse battery' };
    expect((await second.request('POST', '/users', { user: victim })).status).toBe(201);
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      const instance = i % 2 === 0 ? first : second;
      expect((await instance.request('POST', '/users/login', { user: { email: victim.email, password: `wrong ${i}` } })).status).toBe(401);
    }
    for (const instance of [first, second]) {
      const refused = await instance.request('POST', '/users/login', { user: { email: victim.email, password: victim.password } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    }
  });
});
