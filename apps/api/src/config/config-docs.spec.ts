import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { envExample, withReadmeTable } from './config-docs';

const repoRoot = join(__dirname, '..', '..', '..', '..');

/** UPDATE_CONFIG_DOCS=1 (`npm run config:docs`) writes them first; a plain run only compares. */
describe.each([
  { file: '.env.example', render: () => envExample() },
  { file: 'README.md', render: (current: string) => withReadmeTable(current) },
])('$file', ({ file, render }) => {
  it('is what the config schema generates (npm run config:docs rewrites it)', () => {
    const path = join(repoRoot, file);
    if (process.env.UPDATE_CONFIG_DOCS === '1') writeFileSync(path, render(readFileSync(path, 'utf8')));
    const current = readFileSync(path, 'utf8');
    expect(current).toBe(render(current));
  });
});

describe('.env.example', () => {
  it('gives each variable the default the schema applies', () => {
    const lines = envExample()
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line));
    const example = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(loadConfig(example, '/app')).toEqual(loadConfig({}, '/app'));
  });
});
