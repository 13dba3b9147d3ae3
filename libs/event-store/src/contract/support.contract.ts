import {
  BehaviorSubject,
  filter,
  firstValueFrom,
  map,
  Observable,
  Subscription,
  throwError,
  timeout,
} from 'rxjs';
import type { EventStore, Position, RecordedEvent, SubscriptionMessage } from '../port/event-store.port';
import { collectAll, testEvents } from './test-events';

/** Shared by the contract's parts: bounded waits, recorders of subscriptions, concurrent writers. */
export const STEP_MS = 5_000;
export const LIVE_MS = 15_000;
export const QUIET_MS = 400;

/** Records a subscription's messages so a test can wait, with a deadline, for what it expects. */
export class Recorder {
  readonly messages: SubscriptionMessage[] = [];
  private readonly changes = new BehaviorSubject<number>(0);
  private readonly subscription: Subscription;

  constructor(source: Observable<SubscriptionMessage>) {
    this.subscription = source.subscribe({
      next: (message) => {
        this.messages.push(message);
        this.changes.next(this.messages.length);
      },
      error: (error: unknown) => this.changes.error(error),
      complete: () => this.changes.complete(),
    });
  }

  waitFor(
    what: string,
    done: (messages: SubscriptionMessage[]) => boolean,
    ms = LIVE_MS,
  ): Promise<SubscriptionMessage[]> {
    return firstValueFrom(
      this.changes.pipe(
        filter(() => done(this.messages)),
        map(() => [...this.messages]),
        timeout({
          first: ms,
          with: () =>
            throwError(() => new Error(`${what}: not seen within ${ms} ms; got ${summarize(this.messages)}`)),
        }),
      ),
    );
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/** Lets a test wait until concurrent writers have appended a number of events. */
export class Progress {
  private count = 0;
  private readonly counts = new BehaviorSubject<number>(0);
  add(n: number): void {
    this.count += n;
    this.counts.next(this.count);
  }
  reached(n: number): Promise<number> {
    return firstValueFrom(this.counts.pipe(filter((c) => c >= n)));
  }
}

export async function runWriters(
  store: EventStore,
  prefix: string,
  writers: number,
  perWriter: number,
  progress: Progress,
) {
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let written = 0, round = 0; written < perWriter; round++) {
        const batch = testEvents(Math.min(1 + (round % 3), perWriter - written), `Written${w}`);
        await store.appendToStream(`${prefix}-w${w}-s${round % 4}`, batch, { expectedRevision: 'any' });
        written += batch.length;
        progress.add(batch.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  );
}

export function withTimeout<T>(work: Promise<T>, what: string, ms = STEP_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function collect<T>(iterable: AsyncIterable<T>, what: string): Promise<T[]> {
  return withTimeout(collectAll(iterable), what);
}

export async function firstN<T>(iterable: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
    if (out.length === n) break;
  }
  return out;
}

/** The rejection of an append that must fail; a synchronous throw or a resolution fails the test. */
export async function rejectionOf(what: string, run: () => Promise<unknown>): Promise<unknown> {
  let pending: Promise<unknown>;
  try {
    pending = run();
  } catch (error) {
    throw new Error(`${what} threw synchronously instead of returning a rejected promise: ${String(error)}`);
  }
  return withTimeout(
    pending.then(
      (value) => {
        throw new Error(`${what} resolved with ${JSON.stringify(value)} but should have been rejected`);
      },
      (error: unknown) => error,
    ),
    what,
  );
}

export function without<T extends object>(value: T, key: keyof T): Partial<T> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

export function ids(events: readonly { id: string }[]): string[] {
  return events.map((e) => e.id);
}

export function eventsOf(messages: readonly SubscriptionMessage[]): RecordedEvent[] {
  return messages.flatMap((m) => (m.type === 'event' ? [m.event] : []));
}

export function isCaughtUp(message: SubscriptionMessage): boolean {
  return message.type === 'caughtUp';
}

/** What a consumer would store: the position of the last event or checkpoint it handled. */
export function lastCheckpoint(messages: readonly SubscriptionMessage[]): Position | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.type === 'event') return m.event.position;
    if (m.type === 'checkpoint') return m.position;
  }
  return undefined;
}

export function expectStrictlyIncreasing(positions: readonly number[]): void {
  const backwards = positions.flatMap((p, i) =>
    i > 0 && p <= positions[i - 1] ? [`${positions[i - 1]} then ${p}`] : [],
  );
  expect(backwards).toEqual([]);
}

export function summarize(messages: readonly SubscriptionMessage[]): string {
  const events = eventsOf(messages);
  const caughtUp = messages.filter(isCaughtUp).length;
  const checkpoints = messages.filter((m) => m.type === 'checkpoint').length;
  const last = events.at(-1)?.position ?? 'none';
  return `${events.length} event(s) (last position ${last}), ${caughtUp} caughtUp, ${checkpoints} checkpoint(s)`;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
