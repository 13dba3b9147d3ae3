import type { FastifyRequest } from 'fastify';
import type { CalendarConfig } from '../calendar-config';

/**
 * The address users reach the server at: PUBLIC_BASE_URL when set (set it behind a proxy or TLS
 * terminator), otherwise the scheme and Host of the request itself.
 */
export function baseUrlOf(config: CalendarConfig, request: FastifyRequest): string {
  return config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
}
