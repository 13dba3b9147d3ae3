export const ROLES = ['programme-manager', 'board-member', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified token. */
export interface Principal {
  /** The token's subject: recorded as the actor of every event this caller writes. */
  subject: string;
  name?: string;
  roles: Role[];
  /** Local authorities this caller acts for (an auditor may hold several). Admins see all. */
  authorities: string[];
}

export interface AuthConfig {
  /** HS256 shared secret; used when no JWKS is configured, and by the development-token CLI. */
  secret: string;
  issuer: string;
  audience: string;
  /** A council identity provider's JWKS endpoint: tokens are then verified with its public keys. */
  jwksUri?: string;
  /**
   * HS256 secret for calendar-feed tokens (CalendarTokens). Separate from `secret` because with a JWKS
   * the server still signs these itself; absent, calendar subscriptions are off.
   */
  calendarSecret?: string;
}
