import type { Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { UserEntity } from '../users/user.entity';

const FIELDS = ['id', 'username', 'bio', 'image', 'tokenVersion', 'keptSessionId', 'showAsReading'] as const;

/** What a token check needs of the account: whether the token still holds, and who it speaks for. */
export type TokenAccount = Pick<UserEntity, (typeof FIELDS)[number]>;

/**
 * The one read of every token check, that is of every signed-in request: the account by primary key.
 * TypeORM's `findOne` built the same SELECT again for each request (about 4% of a write's CPU on
 * SQLite); here its query builder builds it once, and each value comes back through the driver's own
 * conversion, as `findOne` gives it (SQLite's 0/1 as a boolean, say).
 */
export class TokenAccounts {
  private prepared?: { sql: string; columns: ColumnMetadata[] };

  constructor(private readonly users: Repository<UserEntity>) {}

  async byId(id: number): Promise<TokenAccount | null> {
    const { sql, columns } = this.prepare();
    const rows: Record<string, unknown>[] = await this.users.query(sql, [id]);
    if (rows.length === 0) return null;
    const { driver } = this.users.manager.connection;
    const account: Record<string, unknown> = {};
    FIELDS.forEach((field, index) => (account[field] = driver.prepareHydratedValue(rows[0][field], columns[index])));
    return account as TokenAccount;
  }

  /** The SELECT and the columns it reads, looked up once rather than on every request. */
  private prepare(): { sql: string; columns: ColumnMetadata[] } {
    if (this.prepared === undefined) {
      const query = this.users.createQueryBuilder('account').select([]);
      for (const field of FIELDS) query.addSelect(`account.${field}`, field);
      // A string stands for the id: the SQLite driver would write a number into the SQL text itself.
      const [sql] = query.where('account.id = :id', { id: 'id' }).getQueryAndParameters();
      this.prepared = { sql, columns: FIELDS.map((field) => this.users.metadata.findColumnWithPropertyName(field)!) };
    }
    return this.prepared;
  }
}
