import '../runtime/require-supported-node';
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { ConfigError } from '../config/config-error';
import { loadProcessConfig } from '../config/app-config.loader';
import { CliError, describeError } from './admin-context';
import { AdminModule } from './admin.module';

/** `npm run admin -- <command>`: the same config (.env, environment) and modules as the server. */
async function main(): Promise<void> {
  const config = loadProcessConfig();
  await CommandFactory.run(AdminModule.forRoot(config), {
    logger: ['error', 'fatal'],
    serviceErrorHandler: (error: Error) => {
      process.stderr.write(`error: ${describeError(error)}\n`);
      process.exitCode = 1;
    },
  });
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `bad configuration: ${error.message}` : error instanceof CliError ? error.message : describeError(error);
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
});
