import { SlidingWindowStorage } from './sliding-window-storage';

const MINUTE = 60_000;

describe('SlidingWindowStorage (the write throttle counts)', () => {
  let now: number;
  let storage: SlidingWindowStorage;
  beforeEach(() => {
    now = Date.UTC(2026, 10, 22, 9, 0, 0);
    storage = new SlidingWindowStorage(() => now);
  });
  afterEach(() => storage.close());

  const hit = (key = 'a', limit = 3, block = 0) => storage.increment(key, MINUTE, limit, block, 'default');

  it('counts hits up to the limit and refuses the next, without counting the refused one', async () => {
    expect((await hit()).totalHits).toBe(1);
    expect((await hit()).totalHits).toBe(2);
    const third = await hit();
    expect(third).toMatchObject({ totalHits: 3, isBlocked: false, timeToBlockExpire: 0 });
    const fourth = await hit();
    expect(fourth.isBlocked).toBe(true);
    expect(fourth.totalHits).toBe(4);
    expect(fourth.timeToBlockExpire).toBe(61);
  });

  it('keeps callers apart', async () => {
    await hit('a', 1);
    expect((await hit('a', 1)).isBlocked).toBe(true);
    expect((await hit('b', 1)).isBlocked).toBe(false);
  });

  it('lets a hit go only once a whole window has passed since it, never earlier', async () => {
    now += 999; // the end of a second: the slowest case for a per-second count
    await hit('a', 2);
    now += 30_000;
    await hit('a', 2);
    now += 29_999; // 59.999 s after the first hit: both still count
    expect((await hit('a', 2)).isBlocked).toBe(true);
    now += 1_001; // 61 s after the first: it has left, the second has not
    const after = await hit('a', 2);
    expect(after.isBlocked).toBe(false);
    expect(after.totalHits).toBe(2);
  });

  it('with a block duration, refuses for that long even after the window would have freed a slot', async () => {
    await hit('a', 1, 120_000);
    const refused = await hit('a', 1, 120_000);
    expect(refused).toMatchObject({ isBlocked: true, timeToBlockExpire: 120 });
    now += 90_000;
    expect((await hit('a', 1, 120_000)).isBlocked).toBe(true);
    now += 30_000;
    expect((await hit('a', 1, 120_000)).isBlocked).toBe(false);
  });

  it('without a block duration, says when the oldest counted hit leaves', async () => {
    await hit('a', 2);
    now += 20_000;
    // The first hit (09:00:00) stops counting at 09:01:01: the window resets for this caller in 41 s.
    expect((await hit('a', 2)).timeToExpire).toBe(41);
    const refused = await hit('a', 2);
    expect(refused.isBlocked).toBe(true);
    // The first hit (09:00:00) stops counting at 09:01:01, 41 s from now.
    expect(refused.timeToBlockExpire).toBe(41);
  });

  it('forgets callers idle for a whole window, and keeps the others', async () => {
    await hit('idle');
    now += 30_000;
    await hit('busy');
    now += 31_001;
    storage.sweep();
    expect(storage.size()).toBe(1);
    expect((await hit('busy')).totalHits).toBe(2);
  });

  it('sweeps on its own while the app runs, and stops when the app shuts down', async () => {
    jest.useFakeTimers();
    try {
      const running = new SlidingWindowStorage(() => now);
      const stopped = new SlidingWindowStorage(() => now);
      for (const s of [running, stopped]) await s.increment('idle', MINUTE, 3, 0, 'default');
      stopped.onApplicationShutdown();
      now += 2 * MINUTE;
      jest.advanceTimersByTime(2 * MINUTE);
      expect(running.size()).toBe(0);
      expect(stopped.size()).toBe(1);
      running.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('stays exact over a long run of hits spread across many windows', async () => {
    // A reference: every hit's time, counted over the last window, with the storage's per-second slices.
    let times: number[] = [];
    for (let i = 0; i < 5000; i += 1) {
      now += (i * 7919) % 1500;
      const r = await hit('a', 100);
      if (!r.isBlocked) times.push(now);
      const slice = Math.floor(now / 1000);
      times = times.filter((t) => Math.floor(t / 1000) >= slice - 60);
      const counted = times.length;
      // Never early: every hit of the last exact minute is among those counted.
      expect(counted).toBeGreaterThanOrEqual(times.filter((t) => t > now - MINUTE).length);
      expect(r.isBlocked ? r.totalHits - 1 : r.totalHits).toBe(counted);
      // The limit itself, with no slices: no exact minute ending now holds more accepted hits than it.
      expect(times.filter((t) => t > now - MINUTE).length).toBeLessThanOrEqual(100);
    }
  });
});
