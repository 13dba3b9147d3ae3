import { TrustClaims } from './rebuild-walk';

describe('TrustClaims', () => {
  it('gives each trust to one end only, leaves the ones committed before taken, and tells who took any', () => {
    // Five trusts: the first and the last were committed by an earlier run.
    const claims = TrustClaims.create(5, 1, 1);
    expect(claims.take(0, 'front')).toBe(false);
    expect(claims.take(4, 'back')).toBe(false);
    expect(claims.takenBy('front')).toBe(false);
    expect(claims.takenBy('back')).toBe(false);

    expect(claims.take(1, 'front')).toBe(true);
    expect(claims.take(1, 'back')).toBe(false);
    expect(claims.takenBy('front')).toBe(true);
    expect(claims.takenBy('back')).toBe(false);

    expect(claims.take(3, 'back')).toBe(true);
    expect(claims.takenBy('back')).toBe(true);
    expect(claims.take(3, 'front')).toBe(false);
  });

  it('is shared through its buffer, as the helper thread receives it', () => {
    const claims = TrustClaims.create(3, 0, 0);
    const copy = new TrustClaims(new Uint8Array(claims.flags.buffer));
    expect(copy.take(2, 'back')).toBe(true);
    expect(claims.take(2, 'front')).toBe(false);
    expect(claims.takenBy('back')).toBe(true);
  });
});
