import type { Filter } from '@eventstore/db-client';
import type { Metadata, CallOptions, ClientReadableStream } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import type { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { Position } from '../../port/event-store.port';

/**
 * @eventstore/db-client 6.2 offers server-side filters on subscriptions but not on `readAll`, though
 * the server's Streams.Read takes the same filter for both. The adapter therefore builds the filtered
 * read itself and sends it through the client's own connection (its protected call helpers, typed
 * here), so connection string, TLS, credentials and reconnection stay the client's.
 */
export interface RawReadAccess {
  GRPCStreamCreator(
    client: typeof StreamsClient,
    debugName: string,
    creator: (client: StreamsClient) => ClientReadableStream<ReadResp>,
  ): () => Promise<ClientReadableStream<ReadResp>>;
  callArguments(options: object, callOptions?: CallOptions): [Metadata, CallOptions];
}

export function buildReadAllRequest(
  from: Position | 'start' | 'end',
  backwards: boolean,
  filter: Filter,
  maxCount: number,
): ReadReq {
  const all = new ReadReq.Options.AllOptions();
  if (from === 'start') all.setStart(new Empty());
  else if (from === 'end') all.setEnd(new Empty());
  else
    all.setPosition(
      new ReadReq.Options.Position().setCommitPosition(String(from)).setPreparePosition(String(from)),
    );
  const options = new ReadReq.Options()
    .setAll(all)
    .setReadDirection(
      backwards ? ReadReq.Options.ReadDirection.BACKWARDS : ReadReq.Options.ReadDirection.FORWARDS,
    )
    .setResolveLinks(false)
    .setCount(String(maxCount))
    .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()))
    .setFilter(filterOptions(filter));
  return new ReadReq().setOptions(options);
}

function filterOptions(filter: Filter): ReadReq.Options.FilterOptions {
  const expression = new ReadReq.Options.FilterOptions.Expression();
  if ('prefixes' in filter && filter.prefixes) expression.setPrefixList([...filter.prefixes]);
  if ('regex' in filter && filter.regex) expression.setRegex(filter.regex);
  const options = new ReadReq.Options.FilterOptions()
    .setCount(new Empty())
    .setCheckpointintervalmultiplier(1);
  if (filter.filterOn === 'streamName') options.setStreamIdentifier(expression);
  else options.setEventType(expression);
  return options;
}
