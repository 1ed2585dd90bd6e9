import { type CanActivate, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

import { ConsiliumError } from '../../../common/errors.js';
import type { AuditActor } from '../../domain/audit-chain.js';
import type { Role } from '../../persistence/entities/index.js';
import { type AccessTokens, actorOf, type Principal } from '../../services/access-tokens.js';

const ROLES_KEY = 'consilium:roles';
const PUBLIC_KEY = 'consilium:public';

/** The roles that may call a handler (or every handler of a controller). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** A handler anyone may call: health, and enrolment (which carries its own one-time token). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

interface AuthenticatedRequest {
  headers: Record<string, string | undefined>;
  principal?: Principal;
}

/** The audit actor of the request: `user:<token name>`. */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): AuditActor =>
  actorOf(context.switchToHttp().getRequest<AuthenticatedRequest>().principal ?? null),
);

/** The authenticated token of the request (the guard put it there). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new ConsiliumError('UNAUTHENTICATED', 'this route needs a bearer token');
  return principal;
});

/** The roles a handler allows, as declared; for the guard and for the role × endpoint test. */
export function rolesOf(
  reflector: Reflector,
  handler: ReturnType<ExecutionContext['getHandler']>,
  controller: ReturnType<ExecutionContext['getClass']>,
): { public: boolean; roles: Role[] | undefined } {
  const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, controller]) ?? false;
  return { public: isPublic, roles: reflector.getAllAndOverride<Role[]>(ROLES_KEY, [handler, controller]) };
}

/**
 * Every REST request passes here: a bearer token is required unless the
 * handler is public, and its role must be one the handler lists. A handler
 * that lists none is refused to everyone, so a new endpoint is closed until
 * somebody decides who may call it.
 */
export class AccessGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { public: isPublic, roles } = rolesOf(this.reflector, context.getHandler(), context.getClass());
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.tokens.authenticate(request.headers['authorization']);
    if (!roles || !roles.includes(principal.role)) {
      const allowed = roles?.length ? `it needs the ${roles.join(' or ')} role` : 'no role may call it';
      throw new ConsiliumError('PERMISSION_DENIED', `token "${principal.name}" has the ${principal.role} role; ${allowed}`);
    }
    request.principal = principal;
    return true;
  }
}
