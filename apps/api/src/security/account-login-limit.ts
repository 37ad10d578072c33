import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RetryLaterException } from '../common/retry-later.exception';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { RateLimitCounter } from './rate-limit-counter';

/**
 * Failed logins per account (per lower-cased email, known or not, so that the limit says nothing
 * about who has an account), counted with the address limits' counters: across instances with
 * Redis. Past LOGIN_FAILURE_LIMIT failures in LOGIN_FAILURE_WINDOW_SECONDS, logins to that email
 * answer 429 until the window ends, whatever the address they come from; successful logins are
 * not counted.
 */
@Injectable()
export class AccountLoginLimit {
  constructor(
    private readonly counter: RateLimitCounter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws a 429 when the email has used up its failures for now. */
  async assertAllowed(email: string): Promise<void> {
    const { limit } = this.config.loginFailures;
    if (limit === 0) return;
    const { hits, msLeft } = await this.counter.peek(this.key(email));
    if (hits < limit) return;
    const seconds = Math.max(1, Math.ceil(msLeft / 1000));
    throw new RetryLaterException({ errors: { credentials: [`too many failed logins: try again in ${seconds} s`] } }, seconds);
  }

  async recordFailure(email: string): Promise<void> {
    const { limit, windowSeconds } = this.config.loginFailures;
    if (limit > 0) await this.counter.hit(this.key(email), windowSeconds * 1000);
  }

  /** Hashed: the store holds no email addresses, and every key has the same length. */
  private key(email: string): string {
    return `login-failures:${createHash('sha256').update(email).digest('base64url')}`;
  }
}
