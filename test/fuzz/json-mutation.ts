import fc from 'fast-check';
import { hostileJsonValue } from './hostile-values.arbitrary';

type Path = (string | number)[];

/** Every node's path, the root's (empty) first. */
function nodePaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, index) => nodePaths(item, [...path, index]))];
  if (value !== null && typeof value === 'object') return [path, ...Object.entries(value).flatMap(([key, item]) => nodePaths(item, [...path, key]))];
  return [path];
}

/** A copy of `value` with the node at `path` replaced, or removed when the replacement is undefined. */
function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? replaceAt(item, rest, replacement) : item)).filter((item) => item !== undefined);
  const copy = { ...(value as Record<string, unknown>) };
  const next = replaceAt(copy[head as string], rest, replacement);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

/** A valid value with one node removed, retyped or swapped for a hostile value: what a careless client sends. */
export function nearValid(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), fc.option(hostileJsonValue, { nil: undefined, freq: 4 })).map(([value, pick, replacement]) => {
    const paths = nodePaths(value);
    return replaceAt(value, paths[pick % paths.length], replacement);
  });
}

/** The JSON text of a valid value with one node replaced by `text`, which need not be anything JSON.stringify could make (a nesting deeper than its stack). */
export function splicedText(valid: fc.Arbitrary<unknown>, text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const marker = '\u0000splice\u0000';
  return fc.tuple(valid, fc.nat(), text).map(([value, pick, inner]) => {
    const paths = nodePaths(value);
    return JSON.stringify(replaceAt(value, paths[pick % paths.length], marker)).replace(JSON.stringify(marker), inner);
  });
}
