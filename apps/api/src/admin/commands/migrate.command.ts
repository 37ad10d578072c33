import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { MigrationExecutor } from 'typeorm';
import { AdminContext } from '../admin-context';

@SubCommand({ name: 'run', description: 'apply every pending migration' })
export class MigrateRunCommand extends CommandRunner {
  constructor(private readonly context: AdminContext) {
    super();
  }

  async run(): Promise<void> {
    await this.context.database(async (dataSource) => {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length === 0 ? 'up to date: no pending migration' : applied.map((m) => `applied ${m.name}`).join('\n'));
    });
  }
}

@SubCommand({ name: 'revert', description: 'undo the most recent migration' })
export class MigrateRevertCommand extends CommandRunner {
  constructor(private readonly context: AdminContext) {
    super();
  }

  async run(): Promise<void> {
    await this.context.database(async (dataSource) => {
      const executed = await new MigrationExecutor(dataSource).getExecutedMigrations();
      if (executed.length === 0) {
        console.log('nothing to revert: no migration has been applied');
        return;
      }
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log(`reverted ${executed[0].name}`);
    });
  }
}

@SubCommand({ name: 'show', description: 'list the migrations, [X] applied, [ ] pending' })
export class MigrateShowCommand extends CommandRunner {
  constructor(private readonly context: AdminContext) {
    super();
  }

  async run(): Promise<void> {
    await this.context.database(async (dataSource) => {
      const executed = new Set((await new MigrationExecutor(dataSource).getExecutedMigrations()).map((m) => m.name));
      for (const migration of dataSource.migrations) console.log(`[${executed.has(migration.name!) ? 'X' : ' '}] ${migration.name}`);
    });
  }
}

@Command({ name: 'migrate', description: 'database migrations (run, revert, show)', subCommands: [MigrateRunCommand, MigrateRevertCommand, MigrateShowCommand] })
export class MigrateCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
