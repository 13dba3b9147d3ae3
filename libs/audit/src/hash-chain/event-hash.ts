import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical';

/** The metadata keys the chain itself writes; they are not part of what is hashed. */
export const HASH_FIELDS = ['hash', 'previousHash'] as const;

/** The algorithm, recorded beside the hash so a future change of algorithm stays verifiable. */
export const HASH_ALGORITHM = 'sha256';

/** What a hash covers: the event's place, identity and content. */
export interface HashableEvent {
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export function withoutHashFields(metadata: Record<string, unknown>): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...metadata };
  for (const key of HASH_FIELDS) delete rest[key];
  return rest;
}

/**
 * SHA-256 (hex) over the canonical JSON of the event's stream, revision, id, type, data, metadata
 * (without the hash fields) and the previous event's hash (null for revision 0). Changing any of
 * them, or moving the event, changes the hash; changing an earlier event breaks the next link.
 */
export function eventHash(event: HashableEvent, previousHash: string | null): string {
  const content = canonicalJson({
    stream: event.stream,
    revision: event.revision,
    id: event.id.toLowerCase(),
    type: event.type,
    data: event.data,
    metadata: withoutHashFields(event.metadata),
    previousHash,
  });
  return createHash(HASH_ALGORITHM).update(content).digest('hex');
}
