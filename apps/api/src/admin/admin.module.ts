import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { AdminContext } from './admin-context';
import { MigrateCommand, MigrateRevertCommand, MigrateRunCommand, MigrateShowCommand } from './commands/migrate.command';
import { ArticlesCommand, ArticlesDeleteCommand, CommentsCommand, CommentsDeleteCommand } from './commands/moderation.command';
import { SeedCommand } from './commands/seed.command';
import { TailCommand } from './commands/tail.command';
import { UsersCommand, UsersDemoteCommand, UsersListCommand, UsersPromoteCommand, UsersShowCommand } from './commands/users.command';

/** The commands only; the API's modules are booted by AdminContext when a command needs the store. */
@Module({})
export class AdminModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AdminModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        AdminContext,
        MigrateCommand,
        MigrateRunCommand,
        MigrateRevertCommand,
        MigrateShowCommand,
        SeedCommand,
        TailCommand,
        UsersCommand,
        UsersListCommand,
        UsersShowCommand,
        UsersPromoteCommand,
        UsersDemoteCommand,
        ArticlesCommand,
        ArticlesDeleteCommand,
        CommentsCommand,
        CommentsDeleteCommand,
      ],
    };
  }
}
