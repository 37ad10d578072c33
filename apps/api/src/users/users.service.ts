import { ConflictException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuthTokenService } from '../auth/auth-token.service';
import { hashPassword, verifyNoPassword, verifyPassword } from '../auth/password-hasher';
import { isUniqueViolation } from '../common/persistence/unique-violation';
import { AccountLoginLimit } from '../security/account-login-limit';
import type { LoginCredentialsDto } from './dto/login-user.dto';
import type { NewUserDto } from './dto/register-user.dto';
import type { UserChangesDto } from './dto/update-user.dto';
import { UserEntity, type UserRole } from './user.entity';
import { usernameKey } from './username';

/** The RealWorld `user` object: the signed-in reader's own account, with a fresh token. */
export interface AccountView {
  email: string;
  token: string;
  username: string;
  bio: string | null;
  image: string | null;
  /** Presence names this user among an article's readers (a Conduit Live addition to the RealWorld object). */
  showAsReading: boolean;
}

const taken = (field: 'username' | 'email') => new ConflictException({ errors: { [field]: ['has already been taken'] } });
const emptyToNull = (value: string | null | undefined) => (value === '' ? null : value);

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly tokens: AuthTokenService,
    private readonly loginLimit: AccountLoginLimit,
  ) {}

  async register(input: NewUserDto): Promise<AccountView> {
    const email = input.email.toLowerCase();
    const key = usernameKey(input.username);
    await this.assertAvailable(key, email);
    const user = this.users.create({
      username: input.username,
      usernameKey: key,
      email,
      passwordHash: await hashPassword(input.password),
      bio: null,
      image: null,
      role: 'user',
      tokenVersion: 0,
      showAsReading: true,
      keptSessionId: null,
      createdAt: new Date(),
    });
    return this.view(await this.saveUnique(user));
  }

  async login(input: LoginCredentialsDto): Promise<AccountView> {
    const email = input.email.toLowerCase();
    await this.loginLimit.assertAllowed(email);
    const user = await this.users.findOneBy({ email });
    // Same answer, and the same scrypt work, for an unknown email and a wrong password: neither the
    // body nor the time says who has an account.
    const valid = user ? await verifyPassword(input.password, user.passwordHash) : await verifyNoPassword(input.password);
    if (!user || !valid) {
      await this.loginLimit.recordFailure(email);
      throw new UnauthorizedException({ errors: { credentials: ['invalid'] } });
    }
    return this.view(user);
  }

  /** The account, with a token of the reader's session (`sessionId`, when the reader's token has one). */
  async current(userId: number, sessionId?: string): Promise<AccountView> {
    return this.view(await this.byId(userId), sessionId);
  }

  /** Made by the reader's session `sessionId`: a password change ends every other session, not that one. */
  async update(userId: number, changes: UserChangesDto, sessionId?: string): Promise<AccountView> {
    const user = await this.byId(userId);
    const email = changes.email?.toLowerCase();
    const key = changes.username === undefined ? undefined : usernameKey(changes.username);
    // An account may change the case or width of its own name: only another account's key is taken.
    await this.assertAvailable(key !== user.usernameKey ? key : undefined, email !== undefined && email !== user.email ? email : undefined);
    if (changes.username !== undefined && key !== undefined) {
      user.username = changes.username;
      user.usernameKey = key;
    }
    if (email !== undefined) user.email = email;
    if (changes.password !== undefined) {
      user.passwordHash = await hashPassword(changes.password);
      // Revokes every token issued before, but those of the session making the change.
      user.tokenVersion += 1;
      user.keptSessionId = sessionId ?? null;
    }
    if (changes.bio !== undefined) user.bio = emptyToNull(changes.bio) ?? null;
    if (changes.image !== undefined) user.image = emptyToNull(changes.image) ?? null;
    if (changes.showAsReading !== undefined) user.showAsReading = changes.showAsReading;
    return this.view(await this.saveUnique(user), sessionId);
  }

  async byId(userId: number): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id: userId });
    // A valid token for an account that no longer exists is as good as no token.
    if (!user) throw new UnauthorizedException({ errors: { token: ['is invalid'] } });
    return user;
  }

  /** Accounts in creation order, for the admin CLI. */
  list(offset = 0, limit = 100): Promise<UserEntity[]> {
    return this.users.find({ order: { id: 'ASC' }, skip: offset, take: limit });
  }

  async setRole(username: string, role: UserRole): Promise<UserEntity> {
    const user = await this.byUsername(username);
    user.role = role;
    return this.users.save(user);
  }

  /** By any spelling of the name that normalises to the same key (`ALICE`, `ａｌｉｃｅ`: `alice`). */
  async byUsername(username: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ usernameKey: usernameKey(username) });
    if (!user) throw new NotFoundException({ errors: { profile: ['not found'] } });
    return user;
  }

  private async assertAvailable(key: string | undefined, email: string | undefined): Promise<void> {
    if (key !== undefined && (await this.users.existsBy({ usernameKey: key }))) throw taken('username');
    if (email !== undefined && (await this.users.existsBy({ email }))) throw taken('email');
  }

  /** The checks above can lose a race with a concurrent request; the unique indexes settle it. */
  private async saveUnique(user: UserEntity): Promise<UserEntity> {
    try {
      return await this.users.save(user);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw (await this.users.existsBy({ usernameKey: user.usernameKey })) ? taken('username') : taken('email');
    }
  }

  private view(user: UserEntity, sessionId?: string): AccountView {
    return {
      email: user.email,
      token: this.tokens.issue({ id: user.id, username: user.username, tokenVersion: user.tokenVersion }, sessionId),
      username: user.username,
      bio: user.bio,
      image: user.image,
      showAsReading: user.showAsReading,
    };
  }
}
