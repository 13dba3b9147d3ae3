/*
 * The in-memory transaction log behind the EventStoreDB stand-in. It keeps the server's rules the
 * esdb adapter depends on, nothing more; each rule names the EventStoreDB documentation or source it
 * follows. It survives a server stop/start, which is how the fault tests restart "the same node".
 */

/** One event record, as the server stores it. */
export interface LogRecord {
  stream: string;
  revision: number;
  /** Log (byte) offset. commit === prepare for self-committed appends, which is all gRPC appends do. */
  position: number;
  id: string;
  type: string;
  contentType: string;
  created: bigint;
  data: Buffer;
  customMetadata: Buffer;
}

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Buffer;
  customMetadata: Buffer;
}

export type Expected =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: number };

export type AppendOutcome =
  | { kind: 'success'; lastRevision: number; position: number }
  | { kind: 'wrong_expected_version'; current: number | 'no_stream' };

/** Bytes a record takes in the log; only its monotonic growth matters, not the exact figure. */
const RECORD_OVERHEAD = 120;

export class StandInLog {
  readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly listeners = new Set<(record: LogRecord) => void>();
  private nextPosition = 0;

  constructor() {
    // A fresh node writes its own system events first ($-prefixed stream and type), so positions of
    // user events never start at 0 and readers must skip system records.
    this.append('$settings', { kind: 'any' }, [systemEvent('$settings')]);
    this.append('$scavenges', { kind: 'any' }, [systemEvent('$scavengeIndexInitialized')]);
  }

  /**
   * The append rules of EventStoreDB's IndexWriter.CheckCommit (KurrentDB source,
   * src/KurrentDB.Core/Services/Storage/ReaderIndex/IndexWriter.cs) and the "Idempotence" section of
   * https://docs.kurrent.io/clients/grpc/appending-events.html:
   * - a numeric or no_stream expectation behind the stream's end is an idempotent success when the
   *   same ids sit right after it (strong idempotency), else a wrong expected version;
   * - any / stream_exists are idempotent when every id is already in the stream (weak idempotency);
   *   if only some are, the write is "corrupted idempotency", answered as a wrong expected version;
   * - idempotent answers carry the original last revision and its log position.
   */
  append(stream: string, expected: Expected, events: ProposedEvent[]): AppendOutcome {
    const existing = this.streams.get(stream) ?? [];
    const current = existing.length === 0 ? 'no_stream' : existing.length - 1;
    const currentNumber = existing.length - 1;
    if (expected.kind === 'stream_exists' && current === 'no_stream')
      return { kind: 'wrong_expected_version', current };
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      const weak = this.weakIdempotency(existing, events);
      if (weak === 'corrupted') return { kind: 'wrong_expected_version', current };
      if (weak) return weak;
    } else {
      const expectedNumber = expected.kind === 'no_stream' ? -1 : expected.revision;
      if (expectedNumber < currentNumber)
        return this.strongIdempotency(existing, expectedNumber, events, current);
      if (expectedNumber > currentNumber) return { kind: 'wrong_expected_version', current };
    }
    return this.write(stream, existing, events);
  }

  readStream(stream: string): readonly LogRecord[] | undefined {
    return this.streams.get(stream);
  }

  /** Index of the first record with position >= `position`. */
  indexAtOrAfter(position: number): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid].position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  lastPosition(): number {
    return this.records.at(-1)?.position ?? 0;
  }

  onCommit(listener: (record: LogRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private weakIdempotency(
    existing: LogRecord[],
    events: ProposedEvent[],
  ): AppendOutcome | 'corrupted' | undefined {
    const found = events.map((e) => existing.find((r) => r.id === e.id));
    if (!found[0]) return undefined;
    if (found.some((r) => !r)) return 'corrupted';
    const last = found.at(-1)!;
    return { kind: 'success', lastRevision: last.revision, position: last.position };
  }

  private strongIdempotency(
    existing: LogRecord[],
    expectedNumber: number,
    events: ProposedEvent[],
    current: number | 'no_stream',
  ): AppendOutcome {
    for (let i = 0; i < events.length; i++) {
      if (existing[expectedNumber + 1 + i]?.id !== events[i].id)
        return { kind: 'wrong_expected_version', current };
    }
    const last = existing[expectedNumber + events.length];
    return { kind: 'success', lastRevision: last.revision, position: last.position };
  }

  private write(stream: string, existing: LogRecord[], events: ProposedEvent[]): AppendOutcome {
    const written: LogRecord[] = [];
    for (const event of events) {
      const record: LogRecord = {
        ...event,
        stream,
        revision: existing.length,
        position: this.nextPosition,
        // The gRPC API gives `created` in 100 ns ticks since the Unix epoch.
        created: BigInt(Date.now()) * 10_000n,
      };
      this.nextPosition +=
        RECORD_OVERHEAD + stream.length + event.type.length + event.data.length + event.customMetadata.length;
      existing.push(record);
      this.records.push(record);
      written.push(record);
    }
    this.streams.set(stream, existing);
    for (const record of written) for (const listener of [...this.listeners]) listener(record);
    const last = written.at(-1)!;
    return { kind: 'success', lastRevision: last.revision, position: last.position };
  }
}

function systemEvent(type: string): ProposedEvent {
  return {
    id: crypto.randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from('{}'),
    customMetadata: Buffer.alloc(0),
  };
}
