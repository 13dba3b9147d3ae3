import type { FastifyReply } from 'fastify';

/**
 * A response body written from JSON already serialised (remembered from earlier responses): the
 * object's members in the order given, each value as JSON text. The reply is marked JSON, so it is
 * sent as it is rather than serialised again.
 */
export function jsonObject(reply: FastifyReply, members: ReadonlyArray<readonly [string, string]>): string {
  void reply.type('application/json; charset=utf-8');
  return `{${members.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

/** A JSON array of values already serialised. */
export function jsonArray(items: readonly string[]): string {
  return `[${items.join(',')}]`;
}
