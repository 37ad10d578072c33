import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { Repository } from 'typeorm';
import type { Author } from '../users/author';
import { UserEntity } from '../users/user.entity';
import { TokenAccounts } from './token-accounts';

/** Who a valid token speaks for: the account as its writing shows it now (its current username), in one session. */
export interface AuthUser extends Author {
  /** The sign-in the token belongs to (set on authenticated requests; tokens from before sessions have none). */
  sessionId?: string;
}

/** What a token is issued for: the account and the token version it holds now. */
export interface TokenSubject {
  id: number;
  username: string;
  tokenVersion: number;
}

/** A checked token's account, with what the socket needs besides (presence names it only if it agrees). */
export interface CheckedUser extends AuthUser {
  showAsReading: boolean;
}

export type TokenCheck = { ok: true; user: CheckedUser } | { ok: false; reason: 'is invalid' | 'has expired' | 'has been revoked' };

interface TokenClaims {
  sub: string;
  username: string;
  /** The account's token version when issued; tokens from before versions existed have none and count as 0. */
  ver?: number;
  /** The session (one login or registration) the token belongs to; every token it is given carries it. */
  sid?: string;
  exp?: number;
}

const invalid = { ok: false, reason: 'is invalid' } as const;
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * Issues and checks the RealWorld access tokens (REST `Authorization: Token …` and the socket's
 * `auth`). A check reads the account (one lookup by primary key): a token speaks under the account's
 * current username, and holds only while its version is the account's, or while it belongs to the
 * session that made the latest password change: a password change ends every other session.
 */
@Injectable()
export class AuthTokenService {
  private readonly accounts: TokenAccounts;

  constructor(
    private readonly jwt: JwtService,
    @InjectRepository(UserEntity) users: Repository<UserEntity>,
  ) {
    this.accounts = new TokenAccounts(users);
  }

  /** A token of `sessionId`, or of a new session (a login or registration) without one. */
  issue(subject: TokenSubject, sessionId = randomBytes(16).toString('base64url')): string {
    return this.jwt.sign({ sub: String(subject.id), username: subject.username, ver: subject.tokenVersion, sid: sessionId } satisfies TokenClaims);
  }

  async check(token: string): Promise<TokenCheck> {
    const claims = this.verifySignature(token);
    if (!claims.ok) return claims;
    const account = await this.accounts.byId(claims.id);
    if (!account) return invalid;
    const kept = claims.sessionId !== undefined && claims.sessionId === account.keptSessionId;
    if (account.tokenVersion !== claims.version && !kept) return { ok: false, reason: 'has been revoked' };
    const { id, username, bio, image, showAsReading } = account;
    return { ok: true, user: { id, username, bio, image, sessionId: claims.sessionId, showAsReading } };
  }

  private verifySignature(token: string): { ok: true; id: number; version: number; sessionId?: string } | Extract<TokenCheck, { ok: false }> {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims>(token);
    } catch (error) {
      return { ok: false, reason: error instanceof TokenExpiredError ? 'has expired' : 'is invalid' };
    }
    const id = Number(claims.sub);
    const version = claims.ver ?? 0;
    // jsonwebtoken accepts a token without exp as never expiring; every token this API issues has one.
    if (typeof claims.exp !== 'number' || !Number.isSafeInteger(id) || typeof claims.username !== 'string' || !Number.isSafeInteger(version)) {
      return invalid;
    }
    if (claims.sid !== undefined && (typeof claims.sid !== 'string' || !SESSION_ID.test(claims.sid))) return invalid;
    return { ok: true, id, version, sessionId: claims.sid };
  }
}
