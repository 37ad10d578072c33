import { UnprocessableEntityException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Nesting a RealWorld body needs is 3 (`{"article":{"tagList":[…]}}`); 32 leaves room and bounds the walk. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a parsed JSON value nests deeper than `max` (a scalar is depth 0, `[]` depth 1). Iterative
 * and stops at the first level too deep: the recursive walkers after it (class-transformer,
 * class-validator) overflow the stack on a few kilobytes of brackets, and so would a recursive check.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

/** Refuses a parsed JSON body nested deeper than `max` with 422, before any pipe walks it. */
export function refuseDeepJson(max = MAX_JSON_DEPTH) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (nestsDeeperThan(req.body, max)) {
      next(new UnprocessableEntityException({ errors: { body: [`is nested too deeply (maximum depth is ${max})`] } }));
      return;
    }
    next();
  };
}
