import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'puente:isPublic';
export const IS_ADMIN_ONLY = 'puente:isAdminOnly';
export const OPTIONAL_AUTH = 'puente:optionalAuth';

/** No token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** A token is read when present (e.g. coordinators see drafts), but none is needed. */
export const OptionalAuth = () => SetMetadata(OPTIONAL_AUTH, true);
/** Only global admins. */
export const AdminOnly = () => SetMetadata(IS_ADMIN_ONLY, true);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser | undefined => {
    return ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
  },
);
