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

/** The claims a Trustworks token carries, as they arrive (unchecked). */
export interface TokenClaims {
  sub?: unknown;
  name?: unknown;
  roles?: unknown;
  authorities?: unknown;
}

/**
 * The caller a verified token names: a subject, at least one known role, and its authorities
 * (unknown roles and empty authorities are dropped). `refuse` says why a token names nobody usable.
 */
export function principalFromClaims(
  claims: TokenClaims,
  refuse: (problem: 'no-subject' | 'no-role') => Error,
): Principal {
  if (typeof claims.sub !== 'string' || claims.sub === '') throw refuse('no-subject');
  const roles = Array.isArray(claims.roles)
    ? claims.roles.filter((r): r is Role => ROLES.includes(r as Role))
    : [];
  if (roles.length === 0) throw refuse('no-role');
  const authorities = Array.isArray(claims.authorities)
    ? claims.authorities.filter((a): a is string => typeof a === 'string' && a !== '')
    : [];
  return {
    subject: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : undefined,
    roles,
    authorities,
  };
}
