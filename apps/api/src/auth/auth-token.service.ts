import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';

/** Who a valid token speaks for. */
export interface AuthUser {
  id: number;
  username: string;
}

export type TokenCheck = { ok: true; user: AuthUser } | { ok: false; reason: 'is invalid' | 'has expired' };

interface TokenClaims {
  sub: string;
  username: string;
}

/** Issues and checks the RealWorld access tokens (REST `Authorization: Token …` and the socket's `auth`). */
@Injectable()
export class AuthTokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(user: AuthUser): string {
    return this.jwt.sign({ sub: String(user.id), username: user.username } satisfies TokenClaims);
  }

  check(token: string): TokenCheck {
    try {
      const claims = this.jwt.verify<TokenClaims>(token);
      const id = Number(claims.sub);
      if (!Number.isSafeInteger(id) || typeof claims.username !== 'string') return { ok: false, reason: 'is invalid' };
      return { ok: true, user: { id, username: claims.username } };
    } catch (error) {
      return { ok: false, reason: error instanceof TokenExpiredError ? 'has expired' : 'is invalid' };
    }
  }
}
