import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/** Who a valid token speaks for: the account's id and its current username. */
export interface AuthUser {
  id: number;
  username: string;
}

/** What a token is issued for: the account and the token version it holds now. */
export interface TokenSubject extends AuthUser {
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
  exp?: number;
}

const invalid = { ok: false, reason: 'is invalid' } as const;

/**
 * Issues and checks the RealWorld access tokens (REST `Authorization: Token …` and the socket's
 * `auth`). A check reads the account (one lookup by primary key): a token is only as good as the
 * account's current token version, and it speaks under the account's current username.
 */
@Injectable()
export class AuthTokenService {
  constructor(
    private readonly jwt: JwtService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  issue(subject: TokenSubject): string {
    return this.jwt.sign({ sub: String(subject.id), username: subject.username, ver: subject.tokenVersion } satisfies TokenClaims);
  }

  async check(token: string): Promise<TokenCheck> {
    const claims = this.verifySignature(token);
    if (!claims.ok) return claims;
    const account = await this.users.findOne({ where: { id: claims.id }, select: { id: true, username: true, tokenVersion: true, showAsReading: true } });
    if (!account) return invalid;
    if (account.tokenVersion !== claims.version) return { ok: false, reason: 'has been revoked' };
    return { ok: true, user: { id: account.id, username: account.username, showAsReading: account.showAsReading } };
  }

  private verifySignature(token: string): { ok: true; id: number; version: number } | Extract<TokenCheck, { ok: false }> {
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
    return { ok: true, id, version };
  }
}
