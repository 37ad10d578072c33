import type { Type } from '@nestjs/common';
import { createValidationPipe } from '../common/realworld-validation.pipe';

const pipe = createValidationPipe();

/** A form's body, shaped as the JSON API's (form-fields.ts), checked by the same DTO and pipe: the same rules and 422 body. */
export function validated<T>(metatype: Type<T>, body: object): Promise<T> {
  return pipe.transform(body, { type: 'body', metatype }) as Promise<T>;
}
