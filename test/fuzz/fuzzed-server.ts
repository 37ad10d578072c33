import { readFileSync } from 'node:fs';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import type { Store } from '../support/test-app';

/** Far longer than any answer takes on a loaded machine: past it, the server is stuck, and the batch is the suspect. */
const STALL_MS = 20_000;

/** pino's numeric level of `error`; `fatal` is above it. */
const PINO_ERROR = 50;

/**
 * The built app in a process of its own, watched from outside as an operator would: what it logs,
 * whether it still answers, and how much memory it holds. Rate limits are off so that the fuzzer
 * reaches the handlers instead of a 429; warnings stay on, since a hostile input is worth one.
 */
export class FuzzedServer {
  private logOffset = 0;
  private checkpoints = 0;

  private constructor(
    private readonly server: ServerProcess,
    readonly host: string,
    readonly port: number,
  ) {}

  static async start(store: Store, env: Record<string, string> = {}): Promise<FuzzedServer> {
    const server = await startServerProcess({ THROTTLE_AUTH_LIMIT: '0', THROTTLE_WRITE_LIMIT: '0', LOGIN_FAILURE_LIMIT: '0', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env }, { store });
    const { port } = new URL(server.baseUrl);
    const fuzzed = new FuzzedServer(server, '127.0.0.1', Number(port));
    fuzzed.logOffset = server.output().length;
    return fuzzed;
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /**
   * Error-level lines (a 500's stack, an uncaught exception) and anything not JSON (a crash's stack
   * printed by Node itself) logged since the last call: each is a finding.
   */
  private takeErrors(): string[] {
    const output = this.server.output();
    const fresh = output.slice(this.logOffset);
    const complete = fresh.lastIndexOf('\n') + 1;
    this.logOffset += complete;
    return fresh
      .slice(0, complete)
      .split('\n')
      .filter((line) => line.trim() !== '' && !isQuietJsonLine(line));
  }

  /** Resident memory of the server process in bytes. */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.server.child.pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    if (!kib) throw new Error(`no VmRSS in /proc/${this.server.child.pid}/status: has the server exited?`);
    return Number(kib[1]) * 1024;
  }

  /**
   * Throws unless, after a batch, the server still answers a cheap read and has logged no error.
   * A page's log line is written once its response has gone, so a request with an id of its own
   * (a 404, logged as a warning) marks the point up to which the batch's lines are all out.
   */
  async checkpoint(batch: string): Promise<void> {
    const stalled = (what: string) => new Error(`${what} within ${STALL_MS} ms after ${batch}: the server stalls`);
    const tags = await fetch(`${this.baseUrl}/api/tags`, { signal: AbortSignal.timeout(STALL_MS) }).catch(() => Promise.reject(stalled('no answer to GET /api/tags')));
    await tags.arrayBuffer();
    if (tags.status !== 200) throw new Error(`GET /api/tags answered ${tags.status} after ${batch}`);
    const id = `fuzz-checkpoint-${++this.checkpoints}`;
    // The line may be printed before the answer arrives here: it is looked for from before the request.
    const since = this.server.output().length;
    const marker = await fetch(`${this.baseUrl}/api/fuzz-checkpoint`, { headers: { 'x-request-id': id }, signal: AbortSignal.timeout(STALL_MS) });
    await marker.arrayBuffer();
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([this.server.printed(id, since), new Promise((_, reject) => (deadline = setTimeout(() => reject(stalled(`no log line for ${id}`)), STALL_MS)))]).finally(() => clearTimeout(deadline));
    const errors = this.takeErrors();
    if (errors.length > 0) throw new Error(`the server logged errors after ${batch}:\n${errors.join('\n').slice(0, 4000)}`);
  }

  stop(): Promise<number | null> {
    return this.server.stop();
  }
}

function isQuietJsonLine(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const { level } = JSON.parse(line) as { level?: unknown };
    return typeof level === 'number' && level < PINO_ERROR;
  } catch {
    return false;
  }
}
