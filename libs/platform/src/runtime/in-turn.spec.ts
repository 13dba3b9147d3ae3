import { InTurn } from './in-turn';

/** A promise with its settling in the test's hands. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('InTurn', () => {
  it('starts work under one key only when the work before it has settled, whether it failed or not', async () => {
    const turns = new InTurn();
    const log: string[] = [];
    const first = gate();
    const second = gate();
    const a = turns.run('trust-1', async () => {
      log.push('a starts');
      await first.promise;
      log.push('a ends');
    });
    const b = turns.run('trust-1', async () => {
      log.push('b starts');
      await second.promise;
      return 'b';
    });
    const c = turns.run('trust-1', async () => {
      log.push('c starts');
      return 'c';
    });
    await Promise.resolve();
    expect(log).toEqual(['a starts']);
    first.open();
    await a;
    await Promise.resolve();
    expect(log).toEqual(['a starts', 'a ends', 'b starts']);
    second.fail(new Error('refused'));
    await expect(b).rejects.toThrow('refused');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'c starts']);
  });

  it('never holds one key behind another, and forgets a key once its work is done', async () => {
    const turns = new InTurn();
    const slow = gate();
    const held = turns.run('trust-1', () => slow.promise);
    await expect(turns.run('trust-2', async () => 'other')).resolves.toBe('other');
    expect(turns.size()).toBe(1);
    slow.open();
    await held;
    await new Promise((r) => setImmediate(r));
    expect(turns.size()).toBe(0);
  });
});
