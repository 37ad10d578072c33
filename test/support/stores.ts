import { postgresProblem } from './postgres';
import { requireOrSkip } from './service-availability';
import type { Store } from './test-app';

/** The stores every e2e suite runs on: SQLite always, Postgres when it answers (always in CI). */
export function availableStores(): Store[] {
  const problem = postgresProblem();
  return requireOrSkip('PostgreSQL', problem === null, problem ?? '') ? ['sqlite', 'postgres'] : ['sqlite'];
}
