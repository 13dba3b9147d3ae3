import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../port/event-store.port';

/** Builders for the contract suite and adapter specs: every event is complete and has a fresh uuid. */

export function testMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: 'user:test-officer',
    authority: 'la:test-borough',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    recordedAt: new Date().toISOString(),
    schemaVersion: 1,
    ...overrides,
  };
}

export function testEvent<TData = Record<string, unknown>>(
  type = 'TestEventRecorded',
  data: TData = { value: 1 } as TData,
  metadata: Partial<EventMetadata> = {},
): NewEvent<TData> {
  return { id: randomUUID(), type, data, metadata: testMetadata(metadata) };
}

/** `count` events of one type whose data says which one they are (`{ seq: 0 }`, `{ seq: 1 }`...). */
export function testEvents(count: number, type = 'TestEventRecorded'): NewEvent<{ seq: number }>[] {
  return Array.from({ length: count }, (_, seq) => testEvent(type, { seq }));
}

/** A stream name no other test uses, so the suite also runs against a store shared between tests. */
export function uniqueStream(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}

/** A stream-name prefix no other test uses; streams under it are `${prefix}-a`, `${prefix}-b`... */
export function uniquePrefix(label = 'ns'): string {
  return `${label}${randomUUID().replace(/-/g, '')}`;
}

/** Everything an async iterable yields, in order (a stream or `$all` read, in a spec). */
export async function collectAll<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
