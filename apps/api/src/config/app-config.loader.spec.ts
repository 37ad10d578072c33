import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProcessConfig } from './app-config.loader';

// The .env is parsed by Node (util.parseEnv): its syntax, and which side wins, are pinned here.
describe('loadProcessConfig', () => {
  let cwd: string;

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'conduit-env-'));
  });

  afterEach(() => {
    rmSync(cwd, { recursive: true, force: true });
  });

  it('adds a .env in the working folder to the environment, which wins', () => {
    writeFileSync(
      join(cwd, '.env'),
      ['# a comment line', 'REDIS_CHANNEL="quoted # not a comment"', 'WS_PING_INTERVAL_MS=5000 # an inline comment', 'PORT=4000', 'LOG_LEVEL=debug', ''].join('\n'),
    );
    const env: NodeJS.ProcessEnv = { PORT: '5000', STREAM_POLL_INTERVAL_MS: '' };

    expect(loadProcessConfig(cwd, env)).toMatchObject({
      redisChannel: 'quoted # not a comment',
      wsPingIntervalMs: 5000,
      logLevel: 'debug',
      port: 5000,
      streamPollIntervalMs: 1000,
    });
    expect(env.LOG_LEVEL).toBe('debug');
  });

  it('reads the environment alone when there is no .env', () => {
    expect(loadProcessConfig(cwd, { PORT: '4100' })).toMatchObject({ port: 4100, redisChannel: 'conduit:changes' });
  });
});
