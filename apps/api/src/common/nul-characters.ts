import { NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Whether a string anywhere in a parsed value holds U+0000. Iterative, as the depth check before it:
 * bodies reach it already bounded, query strings are shallow.
 */
export function holdsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node === 'string' && node.includes('\u0000')) return true;
    if (typeof node === 'object' && node !== null) pending.push(...Object.keys(node), ...Object.values(node));
  }
  return false;
}

/**
 * PostgreSQL text cannot hold U+0000: a query parameter carrying one fails ("invalid byte sequence
 * for encoding UTF8"), which answered 500 on every route. No name, slug, tag or text the API keeps
 * can contain it, so it is refused at the door, on every store alike: 404 in the path (nothing is
 * named so), 422 in the query string or the body. Mounted under /api: a page's path goes to SSR,
 * whose API call then meets this.
 */
export function refuseNulCharacters() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (/%00/.test(req.path)) return next(new NotFoundException({ errors: { path: ['names nothing: it holds a NUL character'] } }));
    if (holdsNul(req.query)) return next(new UnprocessableEntityException({ errors: { query: ['must not hold NUL characters'] } }));
    if (holdsNul(req.body)) return next(new UnprocessableEntityException({ errors: { body: ['must not hold NUL characters'] } }));
    next();
  };
}
