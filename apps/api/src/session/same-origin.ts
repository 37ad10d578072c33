import { ForbiddenException } from '@nestjs/common';
import type { Request } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isUnsafeMethod = (method: string) => !SAFE_METHODS.has(method);

/**
 * Whether a request comes from a page of this very origin: the CSRF check of cookie-authenticated
 * writes, beside SameSite=Lax (which still lets a sibling subdomain's page send the cookie). Browsers
 * send `Sec-Fetch-Site`, older ones at least `Origin` on every unsafe method; a request with neither
 * is not from a browser page we can vouch for, and a cookie alone must not make it speak for a reader.
 */
export function isSameOriginRequest(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

export const crossSiteRefused = () => new ForbiddenException({ errors: { origin: ['must be this site for a cookie session'] } });
