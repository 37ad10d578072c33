import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfig, type AppConfig } from './app-config';

/**
 * The process's config: the environment, plus a `.env` in the working folder when there is one
 * (variables already set in the environment win over the file's). Throws a ConfigError naming every
 * bad variable before anything starts.
 */
export function loadProcessConfig(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): AppConfig {
  const envFile = join(cwd, '.env');
  // Added to the environment itself, as process.loadEnvFile would, so that libraries reading it
  // (NODE_ENV) see the file too; parsed here so that the environment written to is the one given.
  if (existsSync(envFile)) {
    for (const [name, value] of Object.entries(parseEnv(readFileSync(envFile, 'utf8')))) if (env[name] === undefined) env[name] = value;
  }
  return loadConfig(env, cwd);
}
