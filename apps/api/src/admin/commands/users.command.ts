import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import type { UserEntity, UserRole } from '../../users/user.entity';
import { UsersService } from '../../users/users.service';
import { AdminContext, CliError } from '../admin-context';

const row = (user: UserEntity) => ({ id: user.id, username: user.username, email: user.email, role: user.role, createdAt: user.createdAt.toISOString() });

function positiveInteger(value: string, name: string): number {
  if (!/^[0-9]+$/.test(value)) throw new CliError(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}

@SubCommand({ name: 'list', description: 'list accounts' })
export class UsersListCommand extends CommandRunner {
  constructor(private readonly context: AdminContext) {
    super();
  }

  async run(_args: string[], options: { json?: boolean; offset?: number; limit?: number }): Promise<void> {
    await this.context.run(async (app) => {
      const users = await app.get(UsersService, { strict: false }).list(options.offset ?? 0, options.limit ?? 100);
      if (options.json) return users.forEach((user) => console.log(JSON.stringify(row(user))));
      for (const user of users) console.log(`${String(user.id).padStart(6)}  ${user.role.padEnd(5)}  ${user.username}  <${user.email}>`);
    });
  }

  @Option({ flags: '--json', description: 'one JSON object per line' })
  parseJson(): boolean {
    return true;
  }

  @Option({ flags: '--offset <n>', description: 'skip the first n accounts' })
  parseOffset(value: string): number {
    return positiveInteger(value, '--offset');
  }

  @Option({ flags: '--limit <n>', description: 'at most n accounts (default 100)' })
  parseLimit(value: string): number {
    return positiveInteger(value, '--limit');
  }
}

@SubCommand({ name: 'show', arguments: '<username>', description: 'one account' })
export class UsersShowCommand extends CommandRunner {
  constructor(private readonly context: AdminContext) {
    super();
  }

  async run([username]: string[]): Promise<void> {
    await this.context.run(async (app) => {
      console.log(JSON.stringify(row(await app.get(UsersService, { strict: false }).byUsername(username)), null, 2));
    });
  }
}

abstract class RoleCommand extends CommandRunner {
  protected abstract readonly role: UserRole;

  // Explicit: TypeScript emits no constructor types for an undecorated (abstract) class.
  constructor(@Inject(AdminContext) private readonly context: AdminContext) {
    super();
  }

  async run([username]: string[]): Promise<void> {
    await this.context.run(async (app) => {
      const user = await app.get(UsersService, { strict: false }).setRole(username, this.role);
      console.log(`${user.username} is now ${user.role === 'admin' ? 'an admin' : 'a regular user'}`);
    });
  }
}

@SubCommand({ name: 'promote', arguments: '<username>', description: 'make an admin (may delete any article or comment)' })
export class UsersPromoteCommand extends RoleCommand {
  protected readonly role = 'admin';
}

@SubCommand({ name: 'demote', arguments: '<username>', description: 'make a regular user again' })
export class UsersDemoteCommand extends RoleCommand {
  protected readonly role = 'user';
}

@Command({ name: 'users', description: 'accounts (list, show, promote, demote)', subCommands: [UsersListCommand, UsersShowCommand, UsersPromoteCommand, UsersDemoteCommand] })
export class UsersCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
