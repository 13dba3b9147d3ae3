import { eventHash, type HashableEvent } from './event-hash';

export interface BrokenLink {
  revision: number;
  eventId: string;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  /** How many events were checked (up to and including the first broken one). */
  checked: number;
  firstBroken: BrokenLink | null;
}

/**
 * Walks a stream in revision order and recomputes every link: each event's `previousHash` must be
 * the hash of the event before it, and its `hash` must be what its content hashes to. Stops at the
 * first broken link, which names the event an auditor should look at.
 */
export async function verifyChain(
  events: Iterable<HashableEvent> | AsyncIterable<HashableEvent>,
): Promise<ChainReport> {
  let previous: string | null = null;
  let expectedRevision = 0;
  let checked = 0;
  for await (const event of events) {
    checked += 1;
    const reason = checkLink(event, expectedRevision, previous);
    if (reason !== null) {
      return { ok: false, checked, firstBroken: { revision: event.revision, eventId: event.id, reason } };
    }
    previous = event.metadata.hash as string;
    expectedRevision += 1;
  }
  return { ok: true, checked, firstBroken: null };
}

function checkLink(event: HashableEvent, expectedRevision: number, previous: string | null): string | null {
  if (event.revision !== expectedRevision) {
    return `revision ${event.revision} found where ${expectedRevision} was expected: an event is missing or moved`;
  }
  const { hash, previousHash } = event.metadata;
  if (typeof hash !== 'string') return 'the event carries no hash: it was not written through the hash chain';
  if ((previousHash ?? null) !== previous) {
    return 'previousHash does not match the hash of the event before it: an earlier event was altered, removed or replaced';
  }
  if (eventHash(event, previous) !== hash) {
    return 'the content does not match its hash: the event was altered after it was recorded';
  }
  return null;
}
