import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from './app-config';

/**
 * The process's config: the environment, plus a `.env` in the working folder when there is one
 * (variables already set in the environment win over the file's). Throws a ConfigError naming every
 * bad variable before anything starts.
 */
export function loadProcessConfig(cwd = process.cwd()): AppConfig {
  const envFile = join(cwd, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return loadConfig(process.env, cwd);
}
