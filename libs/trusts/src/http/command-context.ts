import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '@trustworks/platform';
import type { CommandOptions, CommandResult } from '../application/command-handler';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** If-Match, Idempotency-Key and the correlation id of a command request, checked. */
export const CommandHeaders = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandOptions => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return {
      expectedRevision: parseIfMatch(request.headers['if-match']),
      idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']),
      correlationId: String(request.id),
    };
  },
);

/** `"3"`, `W/"3"` or `3` → 3. Anything else is a 400: a guessed revision is worse than none. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^(?:W\/)?"?(-?\d{1,15})"?$/.exec(value.trim());
  if (!match) {
    throw ApiError.badRequest(
      'BAD_IF_MATCH',
      `If-Match must be the ETag you were given, such as "3"; got ${value}.`,
    );
  }
  return Number(match[1]);
}

function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw ApiError.badRequest(
      'BAD_IDEMPOTENCY_KEY',
      'Idempotency-Key must be 8 to 128 letters, digits, dots, colons, underscores or hyphens (a uuid is ideal).',
    );
  }
  return value;
}

export function etagOf(revision: number): string {
  return `"${revision}"`;
}

/** Every response about one trust carries its stream revision as the ETag. */
export function withEtag<T extends { revision: number }>(reply: FastifyReply, body: T): T {
  void reply.header('ETag', etagOf(body.revision));
  return body;
}

export type { CommandResult };
