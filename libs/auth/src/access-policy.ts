import { ApiError } from '@trustworks/platform';
import type { Principal } from './principal';

/** What a write is: most commands need a programme manager; recording attendance a board member may do. */
export type WriteKind = 'manage' | 'attendance';

/**
 * Tenancy and roles in one place. Someone who may not see an authority's trust gets the same 404 as
 * for a trust that does not exist, so its existence does not leak; someone who may see it but not
 * change it gets 403.
 */
export class AccessPolicy {
  static canRead(principal: Principal, authority: string): boolean {
    return principal.roles.includes('admin') || principal.authorities.includes(authority);
  }

  static canWrite(principal: Principal, authority: string, kind: WriteKind): boolean {
    if (principal.roles.includes('admin')) return true;
    if (!principal.authorities.includes(authority)) return false;
    if (principal.roles.includes('programme-manager')) return true;
    return kind === 'attendance' && principal.roles.includes('board-member');
  }

  static assertRead(principal: Principal, authority: string, trustId: string): void {
    if (!AccessPolicy.canRead(principal, authority)) throw ApiError.notFound('trust', trustId);
  }

  static assertWrite(principal: Principal, authority: string, trustId: string, kind: WriteKind): void {
    AccessPolicy.assertRead(principal, authority, trustId);
    if (!AccessPolicy.canWrite(principal, authority, kind)) {
      throw new ApiError(
        403,
        'FORBIDDEN',
        kind === 'attendance'
          ? 'Recording attendance needs the programme-manager or board-member role for this authority.'
          : 'This change needs the programme-manager role for this authority; your token does not grant it.',
        { roles: principal.roles, authority },
      );
    }
  }

  /** Creating a trust: only for an authority the caller manages. */
  static assertCreate(principal: Principal, authority: string): void {
    if (!AccessPolicy.canWrite(principal, authority, 'manage')) {
      throw new ApiError(403, 'FORBIDDEN', `You may not create a trust for authority "${authority}".`, {
        authority,
      });
    }
  }
}
