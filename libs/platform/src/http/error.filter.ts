import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type ApiErrorBody } from './api-error';
import { storeFaultBody, storeFaultOf } from './store-faults';

/** How a domain or store error `code` maps to HTTP: an exact code, or a prefix ending in '.'; first match wins. */
export type StatusByCode = ReadonlyArray<readonly [codeOrPrefix: string, status: number]>;

interface CodedError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Every error leaves the API as `{ statusCode, code, message, details }`. Storage faults (disk full,
 * read-only, I/O error, cannot open, busy: SQLite's codes, raw or wrapped by the event store) are a
 * 503 EVENT_STORE.UNAVAILABLE with a Retry-After and a message a person can act on. Other coded
 * errors (domain rules, the event store, ApiError) keep their code; Nest's own HttpExceptions keep
 * their status; anything else is a 500 whose message reveals nothing internal (the log has it,
 * under the correlation id).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly statusByCode: StatusByCode) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = this.toBody(exception, request.method);
    if (body.statusCode >= 500) {
      this.logger.error(`${request.method} ${request.url} [${request.id}]: ${describe(exception)}`);
    }
    const retryAfter = body.details.retryAfterSeconds;
    if (body.statusCode === 503 && typeof retryAfter === 'number') {
      void reply.header('retry-after', String(retryAfter));
    }
    void reply.status(body.statusCode).header('content-type', 'application/json').send(body);
  }

  toBody(exception: unknown, method = 'POST'): ApiErrorBody {
    const fault = storeFaultOf(exception);
    if (fault) return storeFaultBody(fault, method);
    if (exception instanceof ApiError) return withStatus(exception.statusCode, exception);
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (isCoded(exception)) return withStatus(this.statusFor(exception.code), exception);
    return {
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Something went wrong on our side; nothing was changed by it.',
      details: {},
    };
  }

  private statusFor(code: string): number {
    const hit = this.statusByCode.find(
      ([key]) => code === key || (key.endsWith('.') && code.startsWith(key)),
    );
    return hit ? hit[1] : 500;
  }
}

function withStatus(statusCode: number, error: CodedError): ApiErrorBody {
  return { statusCode, code: error.code, message: error.message, details: { ...(error.details ?? {}) } };
}

function fromHttpException(exception: HttpException): ApiErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'code' in response) {
    const coded = response as Partial<ApiErrorBody> & { code: string };
    return {
      statusCode,
      code: coded.code,
      message: String(coded.message ?? exception.message),
      details: coded.details ?? {},
    };
  }
  const message =
    typeof response === 'string'
      ? response
      : ((response as { message?: unknown }).message ?? exception.message);
  return {
    statusCode,
    code: `HTTP.${statusCode}`,
    message: Array.isArray(message) ? message.join('; ') : String(message),
    details: {},
  };
}

function isCoded(error: unknown): error is CodedError {
  const code = error instanceof Error ? (error as unknown as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[A-Z_]+\./.test(code);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
