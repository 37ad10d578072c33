import fc from 'fast-check';
import { availableStores } from '../support/stores';
import { fuzzSettings } from './fuzz-settings';
import { createFixtures } from './fuzz-fixtures';
import { FuzzedServer } from './fuzzed-server';
import { httpRequest, pageRequest, type Fixtures, type Focus } from './http-request.arbitrary';
import { loadOperations, type Operation } from './openapi-operations';
import { propertyFailure } from './property-failure';
import { describeRequest, exchange, type RawRequest } from './raw-http';

// Every route of the OpenAPI document the app serves, driven with generated requests that are hostile
// in one part at a time (so a failure names the part), and the pages with hostile paths and headers.
// After each batch the server must have answered every request below 500, logged no error, and still
// answer; at the end its memory must be within a generous bound of where it started.
const settings = fuzzSettings();
// Runs per route and store (the same seed makes the same requests on each), more where the store
// sees the input: the 500s found so far came from bodies, queries and paths reaching SQL. Headers
// and framing never reach the store, so they run on SQLite only.
const RUNS_PER_ROUTE: Record<Focus, number> = { body: 8, query: 8, path: 10, headers: 5, framing: 5 };
const STORE_FREE: Focus[] = ['headers', 'framing'];
const PAGE_RUNS = 20;
const BATCH = { minLength: 1, maxLength: 4 };
/** Twice the settled size plus room for caches and the allocator keeping freed pages. */
const RSS_BOUND = (baseline: number) => 2 * baseline + 128 * 1024 * 1024;
const TIMEOUT = settings.runs ? 24 * 3600_000 : 300_000;

describe.each(availableStores())('fuzzing the REST API and the pages on %s', (store) => {
  let server: FuzzedServer;
  let fixtures: Fixtures;
  let operations: Operation[];
  let baselineRss: number;
  const counts = { runs: 0, requests: 0 };

  beforeAll(async () => {
    server = await FuzzedServer.start(store);
    fixtures = await createFixtures(server);
    operations = await loadOperations(server.baseUrl);
    await server.checkpoint('the fixtures');
    baselineRss = server.rssBytes();
  });
  afterAll(async () => {
    await server?.stop();
    process.stdout.write(`http fuzz on ${store} (seed ${settings.seed}): ${counts.runs} runs, ${counts.requests} requests\n`);
  });

  /** The batch is sent at once; the property holds when none answered 5xx and the server is still well. */
  const holds = (label: string) => async (batch: RawRequest[]) => {
    counts.runs++;
    counts.requests += batch.length;
    const answers = await Promise.all(batch.map((request) => exchange(server.host, server.port, request)));
    // The checkpoint comes first, so that a failing batch's log lines are not left to the next one.
    const problems = await server.checkpoint(label).then(
      (): string[] => [],
      (error: Error) => [error.message],
    );
    answers.forEach(({ statuses, head }, index) => {
      if (statuses.some((status) => status >= 500)) problems.push(`answered ${statuses.join(', ')}:\n${head}\n--- to ---\n${describeRequest(batch[index])}`);
      if (statuses.length === 0 && !batch[index].framingLie) problems.push(`closed without an answer to:\n${describeRequest(batch[index])}`);
    });
    if (problems.length > 0) throw new Error(problems.join('\n'));
  };
  const describeBatch = (batch: RawRequest[]) => batch.map(describeRequest).join('\n---\n');

  const foci = (Object.keys(RUNS_PER_ROUTE) as Focus[]).filter((focus) => store === 'sqlite' || !STORE_FREE.includes(focus));
  it.each(foci)('answers every route below 500 with a hostile %s', async (focus) => {
    const failures: string[] = [];
    for (const operation of operations) {
      const name = `${operation.method} ${operation.path} (hostile ${focus})`;
      const failure = await propertyFailure(name, fc.array(httpRequest(operation, fixtures, focus), BATCH), holds(name), settings, RUNS_PER_ROUTE[focus], describeBatch);
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
  }, TIMEOUT);

  it.each(['path', 'headers'] as const)('answers pages below 500 with a hostile %s', async (focus) => {
    const name = `pages (hostile ${focus})`;
    const failure = await propertyFailure(name, fc.array(pageRequest(fixtures, focus), BATCH), holds(name), settings, PAGE_RUNS, describeBatch);
    expect(failure).toBeUndefined();
  }, TIMEOUT);

  it('holds its memory within a bound of where it started', () => {
    expect(server.rssBytes()).toBeLessThan(RSS_BOUND(baselineRss));
  });
});
