import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { AppConfig } from '../../apps/api/src/config/app-config';

const repoRoot = resolve(__dirname, '..', '..');
const adminMain = join(repoRoot, 'dist', 'api', 'apps', 'api', 'src', 'admin', 'admin.main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment that points the CLI at the same store as a test app. */
export function storeEnv(config: AppConfig): Record<string, string> {
  return config.databaseUrl
    ? { DATABASE_URL: config.databaseUrl, DATABASE_SCHEMA: config.databaseSchema ?? '', DATA_DIR: config.dataDir }
    : { DATA_DIR: config.dataDir, DATABASE_URL: '' };
}

function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  if (!existsSync(adminMain)) throw new Error(`${adminMain} is missing: run npm run build:api before the admin suites`);
  return spawn(process.execPath, [adminMain, ...args], { cwd: repoRoot, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs the BUILT admin CLI (`npm run build:api`) to completion. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveRun) => child.once('close', (code) => resolveRun({ code, stdout, stderr })));
}

/** A long-running CLI command (tail): waits for lines on its outputs, stops with a signal. */
export class RunningCli {
  private readonly lines: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  private waiters: { stream: 'stdout' | 'stderr'; match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcess) {
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream]! }).on('line', (text) => {
        this.lines.push({ stream, text });
        this.waiters = this.waiters.filter((waiter) => {
          if (waiter.stream !== stream || !waiter.match(text)) return true;
          waiter.resolve(text);
          return false;
        });
      });
    }
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  }

  static start(args: string[], env: Record<string, string> = {}): RunningCli {
    return new RunningCli(spawnCli(args, env));
  }

  /** The first line so far or to come on `stream` that matches. */
  line(stream: 'stdout' | 'stderr', match: (line: string) => boolean): Promise<string> {
    const seen = this.lines.find((line) => line.stream === stream && match(line.text));
    if (seen) return Promise.resolve(seen.text);
    return new Promise((resolveLine) => this.waiters.push({ stream, match, resolve: resolveLine }));
  }

  output(): string {
    return this.lines.map((line) => `${line.stream}: ${line.text}`).join('\n');
  }

  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
