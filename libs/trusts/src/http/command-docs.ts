import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  ApiBadRequestResponse,
} from '@nestjs/swagger';
import { CommandResultDto, ErrorDto } from './response.dto';

/** The OpenAPI description every command route shares: headers in, ETag out, every error shape. */
export function CommandDocs(summary: string, okStatus = 200) {
  return applyDecorators(
    ApiBearerAuth(),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag (stream revision) you last read; a stale one is refused with 412.',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string per intended change (a uuid): a retry with the same key answers the first result and writes nothing.',
    }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: 'Carried into every event written and echoed back.',
    }),
    ApiResponse({
      status: okStatus,
      description: summary,
      type: CommandResultDto,
      headers: {
        ETag: { description: 'The trust stream revision after the command.', schema: { type: 'string' } },
      },
    }),
    ApiBadRequestResponse({
      description: 'Malformed input: details.fields names each problem.',
      type: ErrorDto,
    }),
    ApiUnauthorizedResponse({ description: 'No valid bearer token.', type: ErrorDto }),
    ApiForbiddenResponse({
      description: 'Your role may read this trust but not make this change.',
      type: ErrorDto,
    }),
    ApiNotFoundResponse({
      description: 'No such trust, or not one your authorities may see.',
      type: ErrorDto,
    }),
    ApiConflictResponse({
      description: 'A concurrent change could not be reconciled; nothing was written.',
      type: ErrorDto,
    }),
    ApiPreconditionFailedResponse({
      description: 'If-Match is stale: the trust changed since you read it.',
      type: ErrorDto,
    }),
    ApiUnprocessableEntityResponse({
      description: 'A trust rule refused it; the message says which and why.',
      type: ErrorDto,
    }),
    ApiResponse({ status: 429, description: 'Too many writes; try again shortly.', type: ErrorDto }),
    ApiResponse({
      status: 503,
      description: 'The event store cannot write now; nothing was written.',
      type: ErrorDto,
    }),
  );
}

export { ApiOkResponse };
