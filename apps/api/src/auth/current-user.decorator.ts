import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthUser } from './auth-token.service';
import type { AuthenticatedRequest } from './auth.guard';

/** The signed-in reader, or undefined on an anonymous request. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
