import { JwtService } from '@nestjs/jwt';
import { TokenVerifier } from './token-verifier';

const config = {
  secret: 'a-test-secret-of-more-than-thirty-two-characters',
  issuer: 'trustworks',
  audience: 'trustworks-api',
};
const principal = {
  subject: 'pm@x',
  name: 'pm@x',
  roles: ['programme-manager' as const],
  authorities: ['x'],
};

describe('TokenVerifier, remembering tokens it has verified', () => {
  afterEach(() => jest.useRealTimers());

  it('still refuses a remembered token once it has expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const verifier = new TokenVerifier(new JwtService(), config);
    const token = verifier.sign(principal, 30);
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'pm@x' });
    jest.setSystemTime(new Date('2026-11-22T10:00:29Z'));
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'pm@x' });
    jest.setSystemTime(new Date('2026-11-22T10:00:31Z'));
    await expect(verifier.verify(token)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('remembers by the exact text: a token with a changed signature is checked, and refused', async () => {
    const verifier = new TokenVerifier(new JwtService(), config);
    const token = verifier.sign(principal);
    await verifier.verify(token);
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('refuses a token signed with another secret even after a good one was remembered', async () => {
    const verifier = new TokenVerifier(new JwtService(), config);
    await verifier.verify(verifier.sign(principal));
    const other = new TokenVerifier(new JwtService(), {
      ...config,
      secret: 'another-secret-of-more-than-thirty-two-chars',
    });
    await expect(verifier.verify(other.sign(principal))).rejects.toMatchObject({ statusCode: 401 });
  });
});
