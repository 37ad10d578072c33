import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';

/** The Postgres the e2e suites use: TEST_DATABASE_URL, or the local trust-auth `test` database. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const PROBE = `
const { Client } = require('pg');
const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
client.connect().then(() => client.query('SELECT 1')).then(
  () => client.end().then(() => process.exit(0)),
  (error) => { console.error(error.message); process.exit(1); });
`;

/**
 * Why Postgres cannot be used, or null when it can. Synchronous, because Jest decides which
 * suites to declare before any async hook runs.
 */
export function postgresProblem(): string | null {
  const probe = spawnSync(process.execPath, ['-e', PROBE, testDatabaseUrl], { encoding: 'utf8', timeout: 10_000 });
  return probe.status === 0 ? null : `${testDatabaseUrl}: ${(probe.stderr || probe.error?.message || 'no answer').trim()}`;
}

async function run(sql: string): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh schema per app, so that runs on one machine can never collide. */
export async function createSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `conduit_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await run(`CREATE SCHEMA "${schema}"`);
  return { schema, drop: () => run(`DROP SCHEMA "${schema}" CASCADE`) };
}
