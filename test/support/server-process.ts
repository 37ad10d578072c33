import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repoRoot = resolve(__dirname, '..', '..');
const apiMain = join(repoRoot, 'dist', 'api', 'apps', 'api', 'src', 'main.js');
const webServerBundle = join(repoRoot, 'dist', 'web', 'server', 'server.mjs');

export interface ServerProcess {
  baseUrl: string;
  /** The process itself, for suites that play with its pipes and signals. */
  child: ChildProcess;
  /** Everything the server printed, for a failure message. */
  output(): string;
  /** SIGTERM, wait for the exit, remove the data folder; resolves with the exit code (null after a signal). */
  stop(): Promise<number | null>;
}

export interface ServerProcessOptions {
  /** Flags for the server's Node (e.g. `--expose-gc`), before its entry file. */
  nodeArgs?: string[];
}

/** A free TCP port: the OS picks one for a throwaway listener, which is closed before the server takes it. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * The BUILT app (`npm run build`: pages, /api and /ws on one origin) as a child process on its own port and
 * its own SQLite folder. Resolves once the server logs that it listens, never after a fixed delay.
 */
export async function startServerProcess(env: Record<string, string> = {}, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  for (const built of [apiMain, webServerBundle]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build before the browser suites`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'conduit-browser-'));
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), apiMain], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));

  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await exited;
    rmSync(dataDir, { recursive: true, force: true });
    return code;
  };

  try {
    await waitForListening(child, port, (line) => (log += `${line}\n`));
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${log}`);
  }
  return { baseUrl: `http://localhost:${port}`, child, output: () => log, stop };
}

function waitForListening(child: ChildProcess, port: number, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null) => reject(new Error(`the server exited (code ${code}) before listening`));
    child.once('exit', onExit);
    lines.on('line', (line) => {
      onLine(line);
      if (line.includes(`listening on http://localhost:${port}`)) {
        child.off('exit', onExit);
        resolveReady();
      }
    });
  });
}
