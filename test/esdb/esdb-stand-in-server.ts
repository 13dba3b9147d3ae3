import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StandInLog, type LogRecord, type ProposedEvent } from './stand-in-log';
import * as wire from './stand-in-wire';

type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;

/**
 * A stand-in for an EventStoreDB node, for tests and benchmarks where no server can be installed.
 * It speaks EventStoreDB's gRPC protocol (the service definitions shipped inside
 * @eventstore/db-client) for exactly the calls the esdb adapter makes: ServerFeatures, Streams.Append,
 * Streams.Read of a stream or of $all (forwards, backwards, filtered) and catch-up subscriptions to
 * $all. So the real client talks to it over real gRPC on 127.0.0.1. Insecure only; no gossip (a
 * single-node connection string needs none). Its data outlives stop(), so restart() is the same node.
 */
export class EsdbStandInServer {
  private server: grpc.Server | undefined;
  private readonly liveCalls = new Set<ReadCall>();

  private constructor(
    readonly log: StandInLog,
    private port: number,
  ) {}

  static async start(options: { port?: number; log?: StandInLog } = {}): Promise<EsdbStandInServer> {
    const standIn = new EsdbStandInServer(options.log ?? new StandInLog(), options.port ?? 0);
    await standIn.listen();
    return standIn;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Drops every connection at once, as a crashed or killed node would. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const call of this.liveCalls) call.destroy(new Error('stand-in stopped'));
    this.liveCalls.clear();
    server.forceShutdown();
  }

  /** Listens again on the same port with the same log. */
  async restart(): Promise<void> {
    await this.stop();
    await this.listen();
  }

  private async listen(): Promise<void> {
    const server = new grpc.Server();
    server.addService(ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) =>
        callback(null, supportedMethods()),
    });
    server.addService(StreamsService, {
      read: (call: ReadCall) => void this.read(call).catch((error) => failCall(call, error)),
      append: (call: grpc.ServerReadableStream<AppendReq, unknown>, callback: grpc.sendUnaryData<unknown>) =>
        this.append(call, callback),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.server = server;
  }

  private append(
    call: grpc.ServerReadableStream<AppendReq, unknown>,
    callback: grpc.sendUnaryData<unknown>,
  ): void {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) events.push(wire.proposedOf(request.getProposedMessage()!));
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'No append options' });
      const stream = wire.streamName(options.getStreamIdentifier());
      if (stream === '')
        return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'Empty stream name' });
      const expected = wire.expectedOf(options);
      const outcome = this.log.append(stream, expected, events);
      callback(
        null,
        outcome.kind === 'success'
          ? wire.appendSuccess(outcome.lastRevision, outcome.position)
          : wire.wrongExpectedVersion(expected, outcome.current),
      );
    });
  }

  private async read(call: ReadCall): Promise<void> {
    const options = call.request.getOptions();
    if (!options) return failCall(call, new Error('No read options'));
    if (options.hasSubscription()) {
      if (!options.hasAll())
        return failCall(call, new Error('The stand-in only subscribes to $all'), grpc.status.UNIMPLEMENTED);
      return this.subscribe(call, options);
    }
    const records = options.hasStream() ? this.streamRecords(call, options) : this.allRecords(options);
    if (records === undefined) return;
    for (const record of records) {
      if (call.cancelled || call.destroyed) return;
      await send(call, wire.eventResponse(record));
    }
    call.end();
  }

  /** Reading a stream: revisions are inclusive in both directions; a missing stream answers StreamNotFound. */
  private streamRecords(call: ReadCall, options: ReadReq.Options): Iterable<LogRecord> | undefined {
    const stream = options.getStream()!;
    const name = wire.streamName(stream.getStreamIdentifier());
    const records = this.log.readStream(name);
    if (!records) {
      call.write(wire.streamNotFound(name));
      call.end();
      return undefined;
    }
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const last = records.length - 1;
    const from = stream.hasRevision()
      ? Number(stream.getRevision())
      : stream.hasEnd()
        ? last + 1
        : backwards
          ? last
          : 0;
    return take(walk(records, backwards ? Math.min(from, last) : from, backwards), countOf(options));
  }

  /**
   * Reading $all (https://docs.kurrent.io/clients/grpc/reading-events.html#reading-from-the-all-stream):
   * forwards from a position includes the event at it; backwards from a position yields the events
   * before it. `count` limits the events the filter keeps, not the records it looked at.
   */
  private allRecords(options: ReadReq.Options): Iterable<LogRecord> {
    const all = options.getAll()!;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const records = this.log.records;
    let from: number;
    if (all.hasPosition()) {
      const at = this.log.indexAtOrAfter(Number(all.getPosition()!.getCommitPosition()));
      from = backwards ? at - 1 : at;
    } else if (all.hasEnd()) from = backwards ? records.length - 1 : records.length;
    else from = backwards ? -1 : 0;
    const filter = wire.filterOf(options);
    const matching = filter
      ? keep(walk(records, from, backwards), filter.matches)
      : walk(records, from, backwards);
    return take(matching, countOf(options));
  }

  private async subscribe(call: ReadCall, options: ReadReq.Options): Promise<void> {
    this.liveCalls.add(call);
    const stop = () => this.liveCalls.delete(call);
    call.on('cancelled', stop);
    call.on('close', stop);
    await runSubscription(call, this.log, options);
  }
}

/**
 * A catch-up subscription to $all, following KurrentDB's Enumerator.AllSubscriptionFiltered
 * (src/KurrentDB.Core/Services/Transport/Enumerators) and
 * https://docs.kurrent.io/clients/grpc/subscriptions.html: confirm, catch up from the exclusive
 * start position, then (filtered only) a checkpoint at the last record considered, then CaughtUp,
 * then live events; a filtered subscription also checkpoints every `checkpointInterval` considered
 * records, so a consumer can move past records the filter excludes.
 */
async function runSubscription(call: ReadCall, log: StandInLog, options: ReadReq.Options): Promise<void> {
  const all = options.getAll()!;
  const filter = wire.filterOf(options);
  const after = all.hasPosition()
    ? Number(all.getPosition()!.getCommitPosition())
    : all.hasEnd()
      ? log.lastPosition()
      : -1;
  let considered = 0;
  let live = false;
  const consider = (record: LogRecord): ReadResp[] => {
    const out: ReadResp[] = [];
    considered += 1;
    if (!filter || filter.matches(record)) out.push(wire.eventResponse(record));
    if (filter && considered >= filter.checkpointInterval) {
      considered = 0;
      out.push(wire.checkpoint(record.position));
    }
    return out;
  };
  // Listen before catching up; records committed meanwhile are read by the catch-up loop itself.
  const unlisten = log.onCommit((record) => {
    if (live && !call.destroyed) for (const message of consider(record)) call.write(message);
  });
  call.on('cancelled', unlisten);
  call.on('close', unlisten);
  call.write(wire.confirmation(randomUUID()));
  let index = after < 0 ? 0 : log.indexAtOrAfter(after + 1);
  let lastConsidered = after;
  while (index < log.records.length) {
    if (call.cancelled || call.destroyed) return;
    const record = log.records[index++];
    lastConsidered = record.position;
    for (const message of consider(record)) await send(call, message);
  }
  // Same tick as the loop's last check: nothing can be committed between catching up and going live.
  live = true;
  considered = 0;
  if (filter && lastConsidered >= 0) call.write(wire.checkpoint(lastConsidered));
  call.write(wire.caughtUp());
}

function supportedMethods(): SupportedMethods {
  const methods = ['Read', 'Append'].map((name) =>
    new SupportedMethod().setServiceName('event_store.client.streams.Streams').setMethodName(name),
  );
  return new SupportedMethods().setEventStoreServerVersion('stand-in').setMethodsList(methods);
}

function* walk(records: readonly LogRecord[], from: number, backwards: boolean): Generator<LogRecord> {
  for (let i = from; i >= 0 && i < records.length; i += backwards ? -1 : 1) yield records[i];
}

function* keep(records: Iterable<LogRecord>, matches: (record: LogRecord) => boolean): Generator<LogRecord> {
  for (const record of records) if (matches(record)) yield record;
}

function* take(records: Iterable<LogRecord>, count: number): Generator<LogRecord> {
  if (count <= 0) return;
  let n = 0;
  for (const record of records) {
    yield record;
    if (++n >= count) return;
  }
}

function countOf(options: ReadReq.Options): number {
  return options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
}

/** Writes with backpressure: waits for 'drain' (or the call closing), removing its listeners after. */
function send(call: ReadCall, message: ReadResp): Promise<void> {
  if (call.write(message)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('close', done);
      resolve();
    };
    call.on('drain', done);
    call.on('close', done);
  });
}

function failCall(call: ReadCall, error: unknown, code = grpc.status.INTERNAL): void {
  if (call.destroyed) return;
  call.emit('error', { code, details: error instanceof Error ? error.message : String(error) });
}
