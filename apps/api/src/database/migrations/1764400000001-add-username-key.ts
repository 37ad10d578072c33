import { Logger } from '@nestjs/common';
import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { isValidUsername, USERNAME_MAX_LENGTH, usernameKey } from '../../users/username';

interface Rename {
  id: number;
  username: string;
  reason: string;
}

/** `base_id`, shortened to fit, without the characters or end dots the pattern refuses. */
function renamed(username: string, id: number, attempt: number): string {
  const suffix = attempt === 0 ? `_${id}` : `_${id}_${attempt + 1}`;
  let base = username.replace(/[^\p{L}\p{M}\p{N}_.-]/gu, '_');
  while (base.length + suffix.length > USERNAME_MAX_LENGTH) base = Array.from(base).slice(0, -1).join('');
  base = base.replace(/^[.\p{M}]+|\.+$/gu, '');
  return `${base || 'user'}${suffix}`;
}

/**
 * Which accounts get a new name: the oldest account keeps a name that others share after
 * normalisation, and names the new pattern refuses (`.`, `..`, leading or trailing dots) are
 * replaced. A new name is the old one with `_<id>` appended, and never one that any account holds.
 */
export function planUsernameRenames(users: { id: number; username: string }[]): Rename[] {
  const keepers = new Map<string, number>();
  const taken = new Set(users.map((user) => usernameKey(user.username)));
  const renames: Rename[] = [];
  const pending: { id: number; username: string; reason: string }[] = [];
  for (const user of [...users].sort((a, b) => a.id - b.id)) {
    const key = usernameKey(user.username);
    const keeper = keepers.get(key);
    if (!isValidUsername(user.username)) pending.push({ ...user, reason: 'not a valid username any more' });
    else if (keeper !== undefined) pending.push({ ...user, reason: `the same name as account ${keeper} once normalised` });
    else keepers.set(key, user.id);
  }
  for (const user of pending) {
    let attempt = 0;
    while (taken.has(usernameKey(renamed(user.username, user.id, attempt)))) attempt += 1;
    const username = renamed(user.username, user.id, attempt);
    taken.add(usernameKey(username));
    renames.push({ id: user.id, username, reason: user.reason });
  }
  return renames;
}

/**
 * Usernames are unique after NFKC normalisation and case folding (users/username.ts): a key column
 * with a unique index. NOT NULL with an empty default, because SQLite adds a NOT NULL column to a
 * populated table only with a default; every row gets its key before the index is built. Existing
 * names that clash or break the new pattern are renamed and logged; `down` drops the key, not the renames.
 */
export class AddUsernameKey1764400000001 implements MigrationInterface {
  name = 'AddUsernameKey1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const logger = new Logger('Migrations');
    await queryRunner.addColumn('user', new TableColumn({ name: 'usernameKey', type: 'varchar', length: '255', default: "''" }));
    const users: { id: number; username: string }[] = await queryRunner.manager.createQueryBuilder().select(['id', 'username']).from('user', 'user').getRawMany();
    const renames = new Map(planUsernameRenames(users).map((rename) => [rename.id, rename]));
    for (const user of users) {
      const rename = renames.get(user.id);
      if (rename) logger.warn(`account ${user.id}: username "${user.username}" renamed to "${rename.username}" (${rename.reason})`);
      const username = rename?.username ?? user.username;
      await queryRunner.manager.createQueryBuilder().update('user').set({ username, usernameKey: usernameKey(username) }).where('id = :id', { id: user.id }).execute();
    }
    await queryRunner.createIndex('user', new TableIndex({ name: 'IDX_user_usernameKey', columnNames: ['usernameKey'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('user', 'IDX_user_usernameKey');
    await queryRunner.dropColumn('user', 'usernameKey');
  }
}
