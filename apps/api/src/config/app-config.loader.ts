import { ConfigModule } from '@nestjs/config';
import { join } from 'node:path';
import { toAppConfig, type AppConfig } from './app-config';
import { validateEnvironment, type Environment } from './environment';

/**
 * The process's config: @nestjs/config reads `.env` from the working folder when there is one
 * (variables already set in the environment win), runs the schema as its `validate` hook, and
 * throws a ConfigError naming every bad variable before anything starts.
 */
export async function loadProcessConfig(cwd = process.cwd()): Promise<AppConfig> {
  let validated: Environment | undefined;
  await ConfigModule.forRoot({
    envFilePath: join(cwd, '.env'),
    validate: (raw) => (validated = validateEnvironment(raw)),
  });
  return toAppConfig(validated!, cwd);
}
