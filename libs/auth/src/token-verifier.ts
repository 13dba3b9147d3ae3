import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { JwksClient } from 'jwks-rsa';
import { ApiError } from '@trustworks/platform';
import { ROLES, principalFromClaims, type AuthConfig, type Principal, type TokenClaims } from './principal';

/** A verified token's claims: the caller's, and when the token expires (seconds since the epoch). */
type Claims = TokenClaims & { exp?: unknown };

const VERIFIED_FOR_MS = 60_000;
const VERIFIED_LIMIT = 10_000;

/** Verifies bearer tokens: HS256 with the configured secret, or the issuer's keys from its JWKS. */
@Injectable()
export class TokenVerifier {
  private readonly jwks?: JwksClient;
  /**
   * The shared secret as a KeyObject made once: given a string, jsonwebtoken first tries (and fails)
   * to parse it as a public key on every verify, which costs more than the verification itself.
   */
  private readonly secretKey: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AuthConfig,
  ) {
    if (config.jwksUri) this.jwks = new JwksClient({ jwksUri: config.jwksUri, cache: true, rateLimit: true });
    this.secretKey = createSecretKey(Buffer.from(config.secret, 'utf8'));
  }

  /**
   * Tokens verified lately, by their exact text (signature included), until a minute has passed or
   * the token expires, whichever is sooner: a page or client sends the same token with every request,
   * and checking its signature each time costs more than most reads.
   */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known !== undefined && known.until > now) return known.principal;
    const { principal, exp } = await this.verifyNow(token);
    if (this.verified.size >= VERIFIED_LIMIT) this.verified.clear();
    const until = Math.min(now + VERIFIED_FOR_MS, typeof exp === 'number' ? exp * 1000 : now);
    if (until > now) this.verified.set(token, { principal, until });
    return principal;
  }

  /** The caller the token names, and its expiry as the verified claims give it. */
  private async verifyNow(token: string): Promise<{ principal: Principal; exp: unknown }> {
    const options = { issuer: this.config.issuer, audience: this.config.audience };
    let claims: Claims;
    try {
      claims = this.jwks
        ? await this.jwt.verifyAsync<Claims>(token, {
            ...options,
            publicKey: await this.publicKeyFor(token),
            algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256'],
          })
        : await this.jwt.verifyAsync<Claims>(token, {
            ...options,
            // jsonwebtoken accepts a KeyObject; @nestjs/jwt's types only name string | Buffer.
            secret: this.secretKey as unknown as string,
            algorithms: ['HS256'],
          });
    } catch (error) {
      throw unauthorized(`The bearer token was refused: ${(error as Error).message}.`);
    }
    return { principal: toPrincipal(claims), exp: claims.exp };
  }

  /** Signs a development token with the shared secret (the CLI and tests use it). */
  sign(principal: Principal, expiresInSeconds = 8 * 3600): string {
    return this.jwt.sign(
      { name: principal.name, roles: principal.roles, authorities: principal.authorities },
      {
        secret: this.secretKey as unknown as string,
        algorithm: 'HS256',
        subject: principal.subject,
        issuer: this.config.issuer,
        audience: this.config.audience,
        expiresIn: expiresInSeconds,
      },
    );
  }

  private async publicKeyFor(token: string): Promise<string> {
    const decoded = this.jwt.decode<{ header?: { kid?: string } } | null>(token, { complete: true });
    const key = await (this.jwks as JwksClient).getSigningKey(decoded?.header?.kid);
    return key.getPublicKey();
  }
}

function toPrincipal(claims: Claims): Principal {
  return principalFromClaims(claims, (problem) =>
    unauthorized(
      problem === 'no-subject'
        ? 'The token has no subject (sub).'
        : `The token grants none of the roles ${ROLES.join(', ')}.`,
    ),
  );
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, 'UNAUTHORIZED', message);
}
