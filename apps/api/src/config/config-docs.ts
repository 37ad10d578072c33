import { CONFIG_SCHEMA } from './config-schema';
import type { Setting } from './setting';

/** `.env.example` and the README's table, written from the schema by `npm run config:docs`; a test fails when they drift. */

const ENV_EXAMPLE_HEADER = [
  'Conduit Live: every environment variable the API reads, with its default. Nothing here is needed: the embedded default runs on SQLite in ./data with an in-process bus. Copy to .env to change things (variables already set in the environment win over .env). An empty value means the default.',
  'Generated from apps/api/src/config/config-schema.ts by `npm run config:docs`: change the schema, not this file.',
];

export const README_TABLE_START = '<!-- generated from apps/api/src/config/config-schema.ts by `npm run config:docs` -->';
export const README_TABLE_END = '<!-- end of the generated configuration table -->';

const COMMENT_WIDTH = 100;

function settings(): [string, Setting<unknown>][] {
  return Object.entries<Setting<unknown>>(CONFIG_SCHEMA);
}

function defaultText(setting: Setting<unknown>): string {
  return setting.default === undefined ? '' : setting.kind.format(setting.default);
}

/** `# ` lines of at most COMMENT_WIDTH characters (a longer word keeps a line of its own). */
function comment(text: string): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= COMMENT_WIDTH) lines[last] += ` ${word}`;
    else lines.push(`# ${word}`);
  }
  return lines;
}

/** A description as plain text; its first word may be code (`postgres://…`), so it keeps its case. */
function plainSentence(description: string): string {
  const plain = description.replaceAll('`', '');
  return plain.endsWith('…') ? plain : `${plain}.`;
}

export function envExample(): string {
  const header = ENV_EXAMPLE_HEADER.flatMap(comment);
  const variables = settings().flatMap(([name, setting]) => [...comment(plainSentence(setting.description)), `${name}=${defaultText(setting)}`]);
  return [...header, '', ...variables, ''].join('\n');
}

export function readmeTable(): string {
  const rows = settings().map(([name, setting]) => {
    const shownDefault = defaultText(setting) ? `\`${defaultText(setting)}\`` : (setting.whenUnset ?? '(none)');
    return `| \`${name}\` | ${shownDefault} | ${setting.description.replaceAll('|', '\\|')} |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The README with the table between its markers written anew. */
export function withReadmeTable(readme: string): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md needs the lines ${README_TABLE_START} and ${README_TABLE_END} around its configuration table`);
  return `${readme.slice(0, start + README_TABLE_START.length)}\n\n${readmeTable()}\n\n${readme.slice(end)}`;
}
