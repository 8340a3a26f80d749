import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { UsersService } from '../services/users.service';
import { IS_ADMIN_ONLY, IS_PUBLIC, OPTIONAL_AUTH } from './auth.decorators';
import type { AuthUser, JwtClaims } from './auth-user';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(). The user is
 * re-read from the database so a deleted account's token stops working.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const flag = (key: string) =>
      this.reflector.getAllAndOverride<boolean>(key, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = req.headers.authorization;
    const isPublic = flag(IS_PUBLIC);
    if (!header && (isPublic || flag(OPTIONAL_AUTH))) return true;
    if (isPublic && !flag(OPTIONAL_AUTH)) return true;

    const token = /^Bearer (\S+)$/i.exec(header ?? '')?.[1];
    if (!token) throw new UnauthorizedException('A bearer token is required');
    let claims: JwtClaims;
    try {
      claims = await this.jwt.verifyAsync<JwtClaims>(token);
    } catch {
      throw new UnauthorizedException('The token is invalid or has expired');
    }
    const user = await this.users.findAuthUser(claims.sub);
    if (!user) throw new UnauthorizedException('The token is invalid or has expired');
    req.user = user;
    if (flag(IS_ADMIN_ONLY) && !user.isAdmin)
      throw new ForbiddenException('Only administrators may do this');
    return true;
  }
}
