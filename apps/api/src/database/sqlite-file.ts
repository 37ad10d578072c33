import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The database holds password hashes: it is created 0600, and one an earlier version left
 * world-readable is tightened. SQLite gives its -wal and -shm files the mode of the database file
 * (unix VFS, findCreateFileMode), so creating that one first is enough for new files; ones left by
 * a crash are tightened too.
 */
export function prepareSqliteFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
