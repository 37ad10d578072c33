import { ConfigError } from './config-error';
import { CONFIG_SCHEMA, type Settings } from './config-schema';
import type { Setting } from './setting';

/**
 * The settings of an environment, checked against the schema: a ConfigError names every bad variable
 * at once. Empty values count as unset, as they always have here. Variables the schema does not know
 * are ignored.
 */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const problems: string[] = [];
  const settings: Record<string, unknown> = {};
  for (const [name, { kind, default: fallback, testOnly }] of Object.entries<Setting<unknown>>(CONFIG_SCHEMA)) {
    const text = env[name];
    if (text === undefined || text === '') {
      settings[name] = fallback ?? null;
    } else if (testOnly && env.NODE_ENV !== 'test') {
      problems.push(`${name} is ${testOnly} and is refused unless NODE_ENV=test`);
    } else {
      settings[name] = kind.parse(text);
      if (settings[name] === undefined) problems.push(`${name} must be ${kind.expected}${kind.secret ? '' : `, got "${text}"`}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return settings as Settings;
}
