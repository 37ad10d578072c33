import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child process whose stdout lines can be awaited by prefix. */
export function start(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
  const waiters = [];
  const lines = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      const found = typeof waiter.prefix === 'string' ? (line.startsWith(waiter.prefix) ? line.slice(waiter.prefix.length).trim() : null) : waiter.prefix.exec(line);
      if (found !== null) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(found);
      }
    }
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    /**
     * Resolves with the rest of the next line starting with `prefix` (or the match of a RegExp);
     * rejects if the process exits first.
     */
    line(prefix, timeoutMs = 180_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${prefix}" line from ${args.join(' ')} within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
        waiters.push({ prefix, resolve: (rest) => (clearTimeout(timer), resolve(rest)) });
        exited.then(({ code }) => reject(new Error(`${args.join(' ')} exited (${code}) before "${prefix}"\n${stderr.slice(-2000)}`)));
      });
    },
    send(text) {
      this.child.stdin.write(`${text}\n`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    exited,
  };
}

/** CPU time (user + system, ms) a process used, read from /proc: the same for every contender. */
export async function cpuMs(pid) {
  const { readFile } = await import('node:fs/promises');
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

export function median(values) {
  const sorted = values.filter((value) => value !== null && Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
