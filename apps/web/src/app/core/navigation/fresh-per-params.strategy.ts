import { Injectable } from '@angular/core';
import { BaseRouteReuseStrategy, type ActivatedRouteSnapshot, type Params } from '@angular/router';

/** Route data flag: a change of the route's params builds a new component instead of reusing the shown one. */
export const FRESH_PER_PARAMS = 'freshPerParams';

const sameParams = (a: Params, b: Params): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((key) => a[key] === b[key]);

/**
 * The router keeps a component when only its params change. A page whose whole state belongs to one
 * subject (the editor: the article, its draft, its creation key) opts out, so going from one subject
 * straight to another starts clean rather than showing the first.
 */
@Injectable()
export class FreshPerParamsStrategy extends BaseRouteReuseStrategy {
  override shouldReuseRoute(future: ActivatedRouteSnapshot, current: ActivatedRouteSnapshot): boolean {
    if (!super.shouldReuseRoute(future, current)) return false;
    return !future.data[FRESH_PER_PARAMS] || sameParams(future.params, current.params);
  }
}
