import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMillis } from '../common/persistence/epoch-millis.transformer';

export type UserRole = 'user' | 'admin';

@Entity('user')
export class UserEntity {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  /** `usernameKey(username)` (users/username.ts), unique: names that may not coexist share it. */
  @Column({ type: 'varchar', length: 255, unique: true })
  usernameKey!: string;

  /** Stored lower-cased, so that uniqueness and login ignore case. */
  @Column({ type: 'varchar', length: 255, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'text', nullable: true })
  bio!: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  image!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'user' })
  role!: UserRole;

  /** Carried in every token; a token of another version is revoked (a password change bumps it)… */
  @Column({ type: 'integer', default: 0 })
  tokenVersion!: number;

  /** …except the tokens of the session that made the latest password change: it stays signed in. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  keptSessionId!: string | null;

  @Column({ type: 'bigint', transformer: epochMillis })
  createdAt!: Date;

  /** "Show me as reading": off, the user still counts among an article's readers but is never named. */
  @Column({ type: 'boolean', default: true })
  showAsReading!: boolean;
}
