import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

export const ROOT = resolve(__dirname, '../..');

/** The TypeScript files under `folder` (relative to the repository root), as root-relative paths. */
export function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.split(/[\\/]/).includes('node_modules'))
    .map((file) => join(folder, file));
}

export const readSource = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** What a file imports (static, dynamic and `export ... from`), relative ones resolved to root-relative paths. */
export function importsOf(file: string, text = readSource(file)): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) =>
    fileName.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), fileName)) : fileName,
  );
}
