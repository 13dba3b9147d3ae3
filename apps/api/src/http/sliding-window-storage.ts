import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

/** How many slices a window is counted in: a hit leaves the count at most 1/SLICES of a window late. */
const SLICES = 60;
/** A hit counts in its own slice and the SLICES after it, so it stays counted for at least a window. */
const RING = SLICES + 1;

interface Counter {
  /** Hits per slice, a ring indexed by slice number modulo RING. */
  readonly slices: Uint32Array;
  /** The slice number (time / slice length) of the newest hit counted. */
  newest: number;
  /** Sum of `slices`: the hits in the window ending at `newest`. */
  total: number;
  sliceMs: number;
  /** While over the limit with a block duration: the time the block ends. */
  blockedUntil: number;
}

/**
 * The write throttle's counts, kept in memory like `@nestjs/throttler`'s default storage but in
 * constant time and space per caller. The default keeps every hit's expiry in an array and filters it
 * on each request, so at a thousand writes a second each request walks tens of thousands of entries.
 * This counts hits in slices of a sixtieth of the window instead (for a one-minute limit, per second):
 * a hit stops counting between 60 and 61 seconds after it was made, never early, so the limit holds
 * over every minute.
 *
 * Callers idle for a whole window are forgotten by a sweep, so memory follows the active callers.
 */
export class SlidingWindowStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly counters = new Map<string, Counter>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<{ totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }> {
    const now = this.now();
    const id = `${throttlerName}\u0000${key}`;
    const sliceMs = Math.max(1, Math.ceil(ttl / SLICES));
    const slice = Math.floor(now / sliceMs);
    let counter = this.counters.get(id);
    if (!counter || counter.sliceMs !== sliceMs) {
      counter = { slices: new Uint32Array(RING), newest: slice, total: 0, sliceMs, blockedUntil: 0 };
      this.counters.set(id, counter);
      this.scheduleSweep(ttl);
    }
    advance(counter, slice);
    const blocked = counter.blockedUntil > now;
    if (!blocked && counter.total >= limit) {
      // Over the limit: refused, and not counted (a refused write did nothing).
      counter.blockedUntil = now + (blockDuration > 0 ? blockDuration : untilOldestLeaves(counter, now));
    }
    const isBlocked = counter.blockedUntil > now;
    if (!isBlocked) {
      counter.slices[slice % RING] += 1;
      counter.total += 1;
    }
    return {
      totalHits: isBlocked ? counter.total + 1 : counter.total,
      // Seconds until the oldest counted hit stops counting (X-RateLimit-Reset).
      timeToExpire:
        counter.total > 0
          ? Math.max(1, Math.ceil(untilOldestLeaves(counter, now) / 1000))
          : Math.ceil(ttl / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.max(1, Math.ceil((counter.blockedUntil - now) / 1000)) : 0,
    };
  }

  /** Stops the sweep. */
  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** Nest calls this on the throttler's storage when the app closes: the sweep stops with it. */
  onApplicationShutdown(): void {
    this.close();
  }

  /** How many callers are counted now (for tests of the sweep). */
  size(): number {
    return this.counters.size;
  }

  /** Forgets callers with no hit counted in their window. */
  sweep(): void {
    const now = this.now();
    for (const [id, counter] of this.counters) {
      advance(counter, Math.floor(now / counter.sliceMs));
      if (counter.total === 0 && counter.blockedUntil <= now) this.counters.delete(id);
    }
  }

  private scheduleSweep(ttl: number): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, ttl));
    this.sweeper.unref();
  }
}

/** Moves the window forward to `slice`, dropping the counts of slices that fell out of it. */
function advance(counter: Counter, slice: number): void {
  if (slice <= counter.newest) return;
  if (slice - counter.newest >= RING) {
    counter.slices.fill(0);
    counter.total = 0;
  } else {
    for (let s = counter.newest + 1; s <= slice; s += 1) {
      counter.total -= counter.slices[s % RING];
      counter.slices[s % RING] = 0;
    }
  }
  counter.newest = slice;
}

/** Milliseconds until the oldest counted hit leaves the window (with no block duration configured). */
function untilOldestLeaves(counter: Counter, now: number): number {
  for (let age = RING - 1; age >= 0; age -= 1) {
    const s = counter.newest - age;
    if (s >= 0 && counter.slices[s % RING] > 0) return (s + RING) * counter.sliceMs - now;
  }
  return counter.sliceMs;
}
