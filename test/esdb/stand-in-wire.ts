import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { Expected, LogRecord, ProposedEvent } from './stand-in-log';

/** Protobuf <-> stand-in log conversions for the EventStoreDB stand-in (streams.proto of the client). */

export function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function expectedOf(options: AppendReq.Options): Expected {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: Number(options.getRevision()) };
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}

export function proposedOf(message: AppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: uuidString(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: Buffer.from(message.getData_asU8()),
    customMetadata: Buffer.from(message.getCustomMetadata_asU8()),
  };
}

function uuidString(uuid: UUID | undefined): string {
  if (!uuid) return '';
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const structured = uuid.getStructured()!;
  const hex =
    BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())).toString(16).padStart(16, '0') +
    BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function appendSuccess(lastRevision: number, position: number): AppendResp {
  const success = new AppendResp.Success();
  success.setCurrentRevision(String(lastRevision));
  const pos = new AppendResp.Position();
  pos.setCommitPosition(String(position));
  pos.setPreparePosition(String(position));
  success.setPosition(pos);
  return new AppendResp().setSuccess(success);
}

export function wrongExpectedVersion(expected: Expected, current: number | 'no_stream'): AppendResp {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (current === 'no_stream') wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(String(current));
  switch (expected.kind) {
    case 'any':
      wrong.setExpectedAny(new Empty());
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(new Empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(new Empty());
      break;
    default:
      wrong.setExpectedRevision(String(expected.revision));
  }
  return new AppendResp().setWrongExpectedVersion(wrong);
}

export function eventResponse(record: LogRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(new UUID().setString(record.id));
  recorded.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(record.stream, 'utf8')));
  recorded.setStreamRevision(String(record.revision));
  recorded.setCommitPosition(String(record.position));
  recorded.setPreparePosition(String(record.position));
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.contentType)
    .set('created', String(record.created));
  recorded.setData(record.data);
  recorded.setCustomMetadata(record.customMetadata);
  const event = new ReadResp.ReadEvent().setEvent(recorded);
  event.setCommitPosition(String(record.position));
  return new ReadResp().setEvent(event);
}

export function streamNotFound(name: string): ReadResp {
  const notFound = new ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8')));
  return new ReadResp().setStreamNotFound(notFound);
}

export function confirmation(id: string): ReadResp {
  return new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(id));
}

export function checkpoint(position: number): ReadResp {
  const message = new ReadResp.Checkpoint();
  message.setCommitPosition(String(position));
  message.setPreparePosition(String(position));
  return new ReadResp().setCheckpoint(message);
}

export function caughtUp(): ReadResp {
  return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
}

/** The server-side filter of a read or subscription: one field (stream name or event type), prefixes or a regex. */
export interface RecordFilter {
  matches(record: LogRecord): boolean;
  /** Checkpoint every this many considered records: the multiplier times the search window. */
  checkpointInterval: number;
}

/** Enumerator.DefaultReadBatchSize in the KurrentDB source: the search window when none is given. */
const DEFAULT_SEARCH_WINDOW = 32;

export function filterOf(options: ReadReq.Options): RecordFilter | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    checkpointInterval: Math.max(1, filter.getCheckpointintervalmultiplier() || 1) * window,
    matches: (record) => {
      const value = onStream ? record.stream : record.type;
      if (prefixes.length > 0 && !prefixes.some((p) => value.startsWith(p))) return false;
      return regex ? regex.test(value) : true;
    },
  };
}
