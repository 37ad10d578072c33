#!/usr/bin/env node
// Runs the official RealWorld API suites (Postman collection via newman, Bruno collection via bru)
// against a FRESH built server, on SQLite and then on Postgres, prints one count line per store and
// suite and every failure, and exits non-zero when anything failed or a suite executed fewer requests
// than its collection holds. Usage: node test/realworld/run-realworld-suites.mjs
//   [--store sqlite|postgres]       run on one store only (default: both)
//   [--database-url postgres://…]   the Postgres to use (default: TEST_DATABASE_URL, else the local `test`
//                                   database); given alone, the run is on Postgres only
//   [--suite newman|bruno]          run one suite only (default: both)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// ../shared beside the repo, or wherever SHARED_DIR says (.ci/run finds it for a clone elsewhere).
const suitesDir = resolve(process.env.SHARED_DIR ?? resolve(repoRoot, '..', 'shared'), 'realworld');
const postmanCollection = join(suitesDir, 'Conduit.postman_collection.json');
const brunoCollection = join(suitesDir, 'bruno');
const apiMain = join(repoRoot, 'dist', 'api', 'apps', 'api', 'src', 'main.js');
const bruBin = join(repoRoot, 'node_modules', '@usebruno', 'cli', 'bin', 'bru.js');
const DEFAULT_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 15_000;

class Fatal extends Error {}

function parseArgs(argv) {
  const options = { databaseUrl: null, stores: null, suites: ['newman', 'bruno'] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Fatal(`${arg} needs a value`);
      return next;
    };
    if (arg === '--database-url') options.databaseUrl = value();
    else if (arg.startsWith('--database-url=')) options.databaseUrl = arg.slice('--database-url='.length);
    else if (arg === '--store') options.stores = [value()];
    else if (arg.startsWith('--store=')) options.stores = [arg.slice('--store='.length)];
    else if (arg === '--suite') options.suites = [value()];
    else if (arg.startsWith('--suite=')) options.suites = [arg.slice('--suite='.length)];
    else throw new Fatal(`unknown argument ${arg} (expected --store sqlite|postgres, --database-url <url> or --suite newman|bruno)`);
  }
  if (options.databaseUrl !== null && !/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    throw new Fatal('--database-url must be a postgres:// URL');
  }
  options.explicitStore = options.stores !== null || options.databaseUrl !== null;
  options.stores ??= options.databaseUrl === null ? ['sqlite', 'postgres'] : ['postgres'];
  options.databaseUrl ??= DEFAULT_DATABASE_URL;
  for (const store of options.stores) {
    if (store !== 'sqlite' && store !== 'postgres') throw new Fatal(`--store must be sqlite or postgres, got "${store}"`);
  }
  for (const suite of options.suites) {
    if (suite !== 'newman' && suite !== 'bruno') throw new Fatal(`--suite must be newman or bruno, got "${suite}"`);
  }
  return options;
}

function checkPrerequisites(suites) {
  if (!existsSync(suitesDir)) {
    throw new Fatal(`the RealWorld suites are missing: expected ${suitesDir} (../shared/realworld beside the repo, or set SHARED_DIR)`);
  }
  const needed = [
    ...(suites.includes('newman') ? [postmanCollection] : []),
    ...(suites.includes('bruno') ? [brunoCollection, bruBin] : []),
  ];
  for (const path of needed) if (!existsSync(path)) throw new Fatal(`${path} is missing`);
  if (!existsSync(apiMain)) throw new Fatal(`${apiMain} is missing: run npm run build (or npm run build:api) first`);
}

/** Why Postgres cannot be used, or null when it answers. */
async function postgresProblem(databaseUrl) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `${new URL(databaseUrl).host}: ${error.message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * As the Jest suites do: by default a missing Postgres skips its run loudly on a developer machine,
 * and fails it under CI=true or when Postgres was asked for.
 */
async function availableStores(options) {
  if (!options.stores.includes('postgres')) return options.stores;
  const problem = await postgresProblem(options.databaseUrl);
  if (problem === null) return options.stores;
  if (process.env.CI === 'true' || options.explicitStore) throw new Fatal(`PostgreSQL is required but unavailable: ${problem}`);
  console.error(`\n  !!! SKIPPING the RealWorld suites on PostgreSQL: ${problem}\n`);
  return options.stores.filter((store) => store !== 'postgres');
}

/** A Postgres schema of its own for this run, dropped afterwards. */
async function createSchema(databaseUrl) {
  const { Client } = require('pg');
  const schema = `conduit_realworld_${process.pid}_${randomBytes(4).toString('hex')}`;
  const run = async (sql) => {
    const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    await run(`CREATE SCHEMA "${schema}"`);
  } catch (error) {
    throw new Fatal(`cannot create a schema in ${new URL(databaseUrl).host}: ${error.message}`);
  }
  return { schema, drop: () => run(`DROP SCHEMA "${schema}" CASCADE`) };
}

/** Spawns the built server on a port the OS picks (PORT=0) and resolves once it logs "listening on". */
async function startServer(env) {
  const child = spawn(process.execPath, [apiMain], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk.toString()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill('SIGTERM');
    let timer;
    const timeout = new Promise((resolveTimeout) => (timer = setTimeout(resolveTimeout, SHUTDOWN_TIMEOUT_MS, null)));
    const result = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (result === null) {
      child.kill('SIGKILL');
      await exited;
      throw new Fatal(`the server did not exit within ${SHUTDOWN_TIMEOUT_MS / 1000}s of SIGTERM (killed)`);
    }
    return result;
  };

  const port = await new Promise((resolvePort, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Fatal(`the server did not log "listening on" within ${STARTUP_TIMEOUT_MS / 1000}s`)), STARTUP_TIMEOUT_MS);
    const onExit = (code, signal) => {
      clearTimeout(timer);
      reject(new Fatal(`the server exited (${signal ?? `code ${code}`}) before listening`));
    };
    child.once('exit', onExit);
    child.once('error', (error) => onExit(null, error.message));
    lines.on('line', (line) => {
      log += `${line}\n`;
      const match = /listening on https?:\/\/[^\s/]+:(\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolvePort(Number(match[1]));
      }
    });
  }).catch(async (error) => {
    await stop().catch(() => undefined);
    error.message += `\n--- server output ---\n${log}`;
    throw error;
  });
  return { port, stop, output: () => log };
}

const clip = (text, max = 300) => {
  const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/** newman through its Node API: counts come from the run summary, not from parsing text. */
async function runNewman(port) {
  const newman = require('newman');
  const uid = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const globals = {
    APIURL: `http://127.0.0.1:${port}/api`,
    USERNAME: `rw_${uid}`,
    EMAIL: `rw_${uid}@example.com`,
    PASSWORD: `pw_${uid}`,
  };
  const collection = withoutSupersededRequests(JSON.parse(readFileSync(postmanCollection, 'utf8')));
  const expected = postmanRequests(collection.item);
  const summary = await new Promise((resolveRun, reject) => {
    newman.run(
      {
        collection,
        globals: { values: Object.entries(globals).map(([key, value]) => ({ key, value, type: 'text', enabled: true })) },
        reporters: [],
        timeoutRequest: 30_000,
      },
      (error, result) => (error ? reject(error) : resolveRun(result)),
    );
  });
  const { stats, failures, executions } = summary.run;
  // One entry per failing request, with every check it failed and what the server answered.
  const byRequest = new Map();
  for (const failure of failures) {
    const ref = failure.cursor?.ref;
    if (!byRequest.has(ref)) byRequest.set(ref, { failure, reasons: [] });
    const { error } = failure;
    byRequest.get(ref).reasons.push(error?.test ? `${error.test}: ${error.message}` : `${error?.name}: ${error?.message}`);
  }
  const details = [...byRequest.entries()].map(([ref, { failure, reasons }]) => {
    const execution = executions.find((candidate) => candidate.cursor?.ref === ref);
    const response = execution?.response;
    const where = [failure.parent?.name, failure.source?.name].filter(Boolean).join(' / ');
    const request = execution?.request ? `${execution.request.method} ${execution.request.url.getPath()}` : '';
    const answer = response ? `${response.code} ${clip(response.stream?.toString('utf8'))}` : 'no response';
    return `${where} [${request}]\n${reasons.map((reason) => `      ${clip(reason, 400)}`).join('\n')}\n      server: ${answer}`;
  });
  const failed = stats.assertions.failed + stats.requests.failed + stats.testScripts.failed + stats.prerequestScripts.failed;
  const short = tooFewRequests('newman', stats.requests.total, expected);
  return {
    line: `newman: ${stats.requests.total} requests, ${stats.assertions.total} assertions, ${stats.assertions.failed} failed`
      + (stats.requests.failed ? `, ${stats.requests.failed} requests errored` : '')
      + (stats.testScripts.failed ? `, ${stats.testScripts.failed} test scripts errored` : ''),
    details: short ? [short, ...details] : details,
    ok: !short && failed === 0 && !summary.run.error && failures.length === 0,
  };
}

/**
 * A suite that runs fewer requests than its collection holds (none, say, when a tool finds nothing
 * to run) passes every check it did not make: that is a failure, not a green run.
 */
function tooFewRequests(suite, executed, expected) {
  return executed < expected ? `${suite} executed ${executed} requests, fewer than the ${expected} its collection holds` : null;
}

/** The requests of a Postman collection: its leaf items. */
function postmanRequests(items) {
  return items.reduce((count, item) => count + (item.item ? postmanRequests(item.item) : 1), 0);
}

/** The requests of a Bruno collection: its .bru files, but for the collection's and folders' settings and environments. */
function brunoRequests(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((count, entry) => {
    if (entry.isDirectory()) return count + (entry.name === 'environments' ? 0 : brunoRequests(join(dir, entry.name)));
    return count + (entry.name.endsWith('.bru') && entry.name !== 'collection.bru' && entry.name !== 'folder.bru' ? 1 : 0);
  }, 0);
}

/**
 * Requests of the Postman collection that contradict the suite of record (hurl/, see
 * ../shared/README.md), left out of the run and named in the output so the count stays honest.
 */
const SUPERSEDED = new Map([
  [
    'Create Article - duplicate title',
    'expects 409; hurl/errors_articles.hurl ("Duplicate titles are allowed (each gets a unique slug)") and the Bruno suite expect 201',
  ],
]);

function withoutSupersededRequests(collection) {
  const prune = (items) =>
    items.filter((item) => {
      if (item.item) {
        item.item = prune(item.item);
        return true;
      }
      const reason = SUPERSEDED.get(item.name);
      if (reason) console.log(`newman: left out "${item.name}": it ${reason}`);
      return !reason;
    });
  collection.item = prune(collection.item);
  return collection;
}

/** bru runs from a copy of the collection (it may write into the folder) and writes a JSON report. */
async function runBruno(port, workDir) {
  const collection = join(workDir, 'bruno');
  const report = join(workDir, 'bruno-report.json');
  cpSync(brunoCollection, collection, { recursive: true });
  const args = [bruBin, 'run', '-r', '--env', 'local', '--env-var', `host=http://127.0.0.1:${port}`, '--reporter-json', report];
  const child = spawn(process.execPath, args, { cwd: collection, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk.toString()));
  child.stderr.on('data', (chunk) => (output += chunk.toString()));
  const code = await new Promise((resolveExit) => child.once('close', resolveExit));
  if (!existsSync(report)) {
    return { line: `bruno: did not run (bru exited with code ${code}, no report)`, details: [clip(output, 2000)], ok: false };
  }
  // bru 4 writes one entry per iteration; older versions wrote a single { summary, results } object.
  const parsed = JSON.parse(readFileSync(report, 'utf8'));
  const iterations = Array.isArray(parsed) ? parsed : [parsed];
  const total = { requests: 0, failedRequests: 0, assertions: 0, failedAssertions: 0, scripts: 0, failedScripts: 0 };
  const details = [];
  for (const { summary, results } of iterations) {
    total.requests += summary.totalRequests;
    total.failedRequests += summary.failedRequests + (summary.errorRequests ?? 0);
    // `assert {}` lines and `tests {}` blocks are counted by bru; `expect()` in a post-response script is not
    // counted one by one: the script stops at its first failing expect and bru records one script failure.
    total.assertions += summary.totalAssertions + summary.totalTests;
    total.failedAssertions += summary.failedAssertions + summary.failedTests;
    for (const result of results) {
      const scriptChecks = [...(result.preRequestTestResults ?? []), ...(result.postResponseTestResults ?? [])];
      total.scripts += scriptChecks.length;
      const checks = [...(result.assertionResults ?? []), ...(result.testResults ?? []), ...scriptChecks].filter((check) => check.status === 'fail');
      total.failedScripts += scriptChecks.filter((check) => check.status === 'fail').length;
      if (checks.length === 0 && !result.error && result.status !== 'error') continue;
      const name = result.test?.filename ?? result.suitename ?? result.name;
      const request = result.request ? `${result.request.method} ${new URL(result.request.url).pathname}` : '';
      const reasons = checks.map((check) => `${check.lhsExpr ? `${check.lhsExpr} ${check.rhsExpr}` : check.description}: ${check.error}`);
      if (result.error) reasons.push(`error: ${result.error}`);
      const body = result.response?.data;
      const answer = result.response ? `${result.response.status} ${clip(typeof body === 'string' ? body : JSON.stringify(body))}` : 'no response';
      details.push(`${name} [${request}]\n${reasons.map((reason) => `      ${clip(reason, 400)}`).join('\n')}\n      server: ${answer}`);
    }
  }
  const short = tooFewRequests('bruno', total.requests, brunoRequests(brunoCollection));
  return {
    line: `bruno: ${total.requests} requests, ${total.assertions} assertions, ${total.failedAssertions} failed`
      + `, ${total.failedScripts} post-response script checks failed, ${total.failedRequests} requests failed`,
    details: short ? [short, ...details] : details,
    ok: !short && code === 0 && total.failedRequests === 0 && total.failedAssertions === 0 && total.failedScripts === 0,
  };
}

/** Runs the suites against a fresh server on one store; returns their results, each line naming the store. */
async function runOnStore(store, options) {
  const workDir = mkdtempSync(join(tmpdir(), 'conduit-realworld-'));
  const env = { ...process.env, PORT: '0', METRICS_PORT: '0', DATA_DIR: join(workDir, 'data'), NO_COLOR: '1' };
  delete env.DATABASE_URL;
  delete env.DATABASE_SCHEMA;
  let schema = null;
  let server = null;
  const cleanUp = async () => {
    const problems = [];
    if (server) await server.stop().catch((error) => problems.push(error.message));
    server = null;
    if (schema) await schema.drop().catch((error) => problems.push(`could not drop schema ${schema.schema}: ${error.message}`));
    schema = null;
    rmSync(workDir, { recursive: true, force: true });
    return problems;
  };
  const onInterrupt = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', onInterrupt);

  const results = [];
  try {
    if (store === 'postgres') {
      schema = await createSchema(options.databaseUrl);
      env.DATABASE_URL = options.databaseUrl;
      env.DATABASE_SCHEMA = schema.schema;
    }
    server = await startServer(env);
    const where = schema ? `postgres schema ${schema.schema}` : 'sqlite (fresh DATA_DIR)';
    console.log(`server listening on 127.0.0.1:${server.port}, ${where}`);
    for (const suite of options.suites) {
      const result = suite === 'newman' ? await runNewman(server.port) : await runBruno(server.port, workDir);
      results.push({ ...result, line: `${store} ${result.line}` });
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    const serverLog = server?.output() ?? '';
    const problems = await cleanUp();
    for (const { line, details } of results) {
      if (details.length === 0) continue;
      console.log(`\n${line.split(':')[0]} failures:`);
      for (const detail of details) console.log(`  ✗ ${detail}`);
    }
    if (results.some((result) => !result.ok) && /\b(ERROR|FATAL)\b/.test(serverLog)) {
      console.log(`\n--- server errors (${store}) ---\n${serverLog.split('\n').filter((l) => /\b(ERROR|FATAL)\b/.test(l)).slice(0, 40).join('\n')}`);
    }
    for (const problem of problems) console.error(`cleanup: ${problem}`);
    if (problems.length > 0) process.exitCode = 1;
  }
  return results;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  checkPrerequisites(options.suites);
  const stores = await availableStores(options);
  const results = [];
  try {
    for (const store of stores) results.push(...(await runOnStore(store, options)));
  } finally {
    console.log('');
    for (const { line } of results) console.log(line);
  }
  if (results.length < stores.length * options.suites.length || results.some((result) => !result.ok)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Fatal ? `realworld suites: ${error.message}` : error);
  process.exitCode = 1;
});
