import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '@trustworks/platform';
import type { Principal } from './principal';
import { TokenVerifier } from './token-verifier';
import { CalendarTokens } from './calendar-token';

const PUBLIC = 'trustworks:public';
const CALENDAR_TOKEN = 'trustworks:calendar-token';

/** Marks a route that needs no token (health, the OpenAPI document, the web UI's files). */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * Marks a GET route that also accepts a calendar token as `?token=` (the iCalendar feeds: Outlook
 * cannot send headers). Only marked routes look at `?token=`; every other route refuses calendar tokens.
 */
export const AllowCalendarToken = () => SetMetadata(CALENDAR_TOKEN, true);

type AuthedRequest = FastifyRequest & { principal?: Principal };

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly calendarTokens: CalendarTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const calendarToken = this.calendarTokenOf(context, request);
    if (calendarToken !== undefined) {
      request.principal = await this.calendarTokens.verify(calendarToken);
      return true;
    }
    const header = request.headers.authorization;
    const token =
      typeof header === 'string' && /^Bearer\s+/i.test(header)
        ? header.replace(/^Bearer\s+/i, '')
        : undefined;
    const fromQuery = (request.query as Record<string, unknown> | undefined)?.access_token;
    const candidate =
      token ?? (request.method === 'GET' && typeof fromQuery === 'string' ? fromQuery : undefined);
    if (!candidate)
      throw new ApiError(401, 'UNAUTHORIZED', 'Send a bearer token in the Authorization header.');
    request.principal = await this.verifier.verify(candidate);
    return true;
  }

  private calendarTokenOf(context: ExecutionContext, request: AuthedRequest): string | undefined {
    const allowed = this.reflector.getAllAndOverride<boolean>(CALENDAR_TOKEN, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!allowed || request.method !== 'GET') return undefined;
    const token = (request.query as Record<string, unknown> | undefined)?.token;
    return typeof token === 'string' ? token : undefined;
  }
}

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new ApiError(401, 'UNAUTHORIZED', 'Send a bearer token in the Authorization header.');
  return principal;
});
