import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';

const AUTH_ENDPOINT = 'conduit:auth-endpoint';

/** Login and registration: counted against THROTTLE_AUTH_LIMIT instead of the write limit. */
export const AuthEndpoint = () => SetMetadata(AUTH_ENDPOINT, true);

const isHttp = (context: ExecutionContext) => context.getType() === 'http';
const isAuthEndpoint = (context: ExecutionContext) => Reflect.getMetadata(AUTH_ENDPOINT, context.getHandler()) === true;
const isRead = (context: ExecutionContext) => ['GET', 'HEAD', 'OPTIONS'].includes(context.switchToHttp().getRequest<{ method: string }>().method);

/**
 * Two limits per client address (`req.ip`, the global ThrottlerGuard, counted by RateLimitCounter: in
 * Redis when REDIS_URL is set, so every instance counts together): `auth` on
 * login and registration together, `writes` on every other write together. Reads, sockets (their own frame limit)
 * and a limit of 0 are never throttled.
 */
export function rateLimits(config: AppConfig): ThrottlerModuleOptions {
  const ttl = config.throttle.ttlSeconds * 1000;
  const { authLimit, writeLimit } = config.throttle;
  return {
    // One budget per limit and address, across routes (the default key is per route).
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    throttlers: [
      { name: 'auth', ttl, limit: authLimit, skipIf: (context) => authLimit === 0 || !isHttp(context) || !isAuthEndpoint(context) },
      { name: 'writes', ttl, limit: writeLimit, skipIf: (context) => writeLimit === 0 || !isHttp(context) || isAuthEndpoint(context) || isRead(context) },
    ],
  };
}
