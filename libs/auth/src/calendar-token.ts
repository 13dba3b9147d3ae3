import { createSecretKey, type KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { ApiError } from '@trustworks/platform';
import { principalFromClaims, type AuthConfig, type Principal, type TokenClaims } from './principal';

/** The one thing a calendar token grants: reading the iCalendar feeds. */
export const CALENDAR_SCOPE = 'calendar:read';

interface CalendarClaims extends TokenClaims {
  scope?: unknown;
}

/**
 * Tokens for calendar subscriptions, which Outlook sends in the feed's address because it cannot send
 * an Authorization header. Always HS256 with the server's own calendar secret, even when bearer tokens
 * come from a council identity provider (the server cannot sign with the IdP's key). They carry their
 * own audience (`<audience>:calendar`) and scope, so TokenVerifier refuses them on every other route,
 * and this class refuses ordinary bearer tokens: a leaked feed address reads calendars, nothing else.
 */
export class CalendarTokens {
  private readonly key?: KeyObject;
  private readonly audience: string;

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AuthConfig,
  ) {
    if (config.calendarSecret) this.key = createSecretKey(Buffer.from(config.calendarSecret, 'utf8'));
    this.audience = `${config.audience}:calendar`;
  }

  /** False when no calendar secret is configured: subscriptions are then neither issued nor accepted. */
  get enabled(): boolean {
    return this.key !== undefined;
  }

  sign(principal: Principal, expiresInSeconds: number): string {
    return this.jwt.sign(
      {
        name: principal.name,
        roles: principal.roles,
        authorities: principal.authorities,
        scope: CALENDAR_SCOPE,
      },
      {
        // jsonwebtoken accepts a KeyObject; @nestjs/jwt's types only name string | Buffer.
        secret: this.requireKey() as unknown as string,
        algorithm: 'HS256',
        subject: principal.subject,
        issuer: this.config.issuer,
        audience: this.audience,
        expiresIn: expiresInSeconds,
      },
    );
  }

  async verify(token: string): Promise<Principal> {
    if (!this.key) throw refused('calendar subscriptions are not enabled on this server');
    let claims: CalendarClaims;
    try {
      claims = await this.jwt.verifyAsync<CalendarClaims>(token, {
        secret: this.key as unknown as string,
        algorithms: ['HS256'],
        issuer: this.config.issuer,
        audience: this.audience,
      });
    } catch (error) {
      throw refused((error as Error).message);
    }
    if (claims.scope !== CALENDAR_SCOPE) throw refused(`it does not carry the ${CALENDAR_SCOPE} scope`);
    return principalOf(claims);
  }

  private requireKey(): KeyObject {
    if (!this.key) {
      throw new ApiError(
        503,
        'CALENDAR_SUBSCRIPTIONS_DISABLED',
        'Calendar subscriptions are not enabled on this server: set CALENDAR_TOKEN_SECRET (or JWT_SECRET).',
      );
    }
    return this.key;
  }
}

function principalOf(claims: CalendarClaims): Principal {
  return principalFromClaims(claims, (problem) =>
    refused(problem === 'no-subject' ? 'it has no subject (sub)' : 'it grants no role'),
  );
}

function refused(reason: string): ApiError {
  return new ApiError(
    401,
    'UNAUTHORIZED',
    `The calendar token was refused: ${reason}. Ask for a new feed address (POST /calendar/subscriptions).`,
  );
}
