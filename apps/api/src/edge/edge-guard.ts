import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { allowedHosts } from './allowed-hosts';
import { hostNameOf } from './host-header';

/** Orchestrators probe an instance by whatever address they know it under, so probes skip the host list (not the syntax checks). */
const PROBES = '/api/health/';

type Problem = Record<string, string[]>;

/**
 * The first thing every HTTP request meets, before the router, the static files and the SSR engine:
 * a request target that does not decode, a malformed `Host` or `X-Forwarded-Host`, or a host this
 * app does not serve gets a 400 in the RealWorld error shape. The host that counts is `req.host`:
 * `Host`, or `X-Forwarded-Host` when TRUST_PROXY trusts the peer that sent it.
 */
export function edgeGuard(config: Pick<AppConfig, 'publicUrl' | 'allowedHosts'>): RequestHandler {
  const allows = allowedHosts(config);
  return (req: Request, res: Response, next: NextFunction) => {
    const problem = requestProblem(req, allows);
    if (problem === null) return next();
    res.status(400).json({ errors: problem });
  };
}

function requestProblem(req: Request, allows: (hostname: string) => boolean): Problem | null {
  if (!isWellFormedTarget(req.url)) return { url: ['is malformed'] };
  if (hostNameOf(req.headers.host) === null) return { host: ['is malformed'] };
  const forwarded = req.get('x-forwarded-host');
  if (forwarded !== undefined && !forwarded.split(',').every((host) => hostNameOf(host.trim()) !== null)) return { 'x-forwarded-host': ['is malformed'] };
  if (req.path.startsWith(PROBES)) return null;
  const host = hostNameOf(req.host);
  return host !== null && allows(host) ? null : { host: ['is not served here'] };
}

/** An origin-form target (`/path?query`) whose every escape decodes: `/%ff` and `/%` do not. */
function isWellFormedTarget(url: string): boolean {
  if (!url.startsWith('/')) return false;
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}
