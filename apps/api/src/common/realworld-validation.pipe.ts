import { UnprocessableEntityException, ValidationPipe, type ValidationError } from '@nestjs/common';

/**
 * Flattens class-validator errors into RealWorld's field-keyed form. Fields nested under the
 * request's wrapper object (`article.title`) are keyed by their own name (`title`), as the spec's
 * suite expects.
 */
export function toFieldErrors(errors: ValidationError[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  const visit = (error: ValidationError): void => {
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) fields[error.property] = [...(fields[error.property] ?? []), ...messages];
    error.children?.forEach(visit);
  };
  errors.forEach(visit);
  return fields;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new UnprocessableEntityException({ errors: toFieldErrors(errors) }),
  });
}
