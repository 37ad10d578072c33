import { UnsupportedMediaTypeException } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { refuseNulCharacters } from '../common/nul-characters';

/**
 * The JSON API's 256 KB, encoded: a form percent-encodes every byte that is not a plain letter or digit
 * into three, so what the API takes as JSON still fits as a form.
 */
export const MAX_FORM_BYTES = 768 * 1024;
/** The editor posts the most fields: 4 texts and at most 20 tags. */
export const MAX_FORM_FIELDS = 64;

const isPagePost = (req: Request) => req.method === 'POST' && req.path !== '/api' && !req.path.startsWith('/api/');

/**
 * Bodies of the forms browsers post to pages (page-form-routes.ts): `application/x-www-form-urlencoded`
 * only (the forms carry no file, so no multipart), bounded in size and field count, flat (`a[b]=1` is the
 * field named `a[b]`, never an object), and refused with a NUL character as the API refuses one. A
 * repeated field arrives as an array, for the DTO's type check to refuse where one value is expected.
 * Only page posts: the API keeps taking JSON alone.
 */
export function pageFormBody() {
  const parse = express.urlencoded({ extended: false, limit: MAX_FORM_BYTES, parameterLimit: MAX_FORM_FIELDS });
  const refuseNul = refuseNulCharacters();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isPagePost(req)) return next();
    if (!req.is('application/x-www-form-urlencoded')) {
      return next(new UnsupportedMediaTypeException({ errors: { body: ['must be a form (application/x-www-form-urlencoded)'] } }));
    }
    parse(req, res, (error?: unknown) => (error ? next(error) : refuseNul(req, res, next)));
  };
}
