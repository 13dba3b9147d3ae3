/** The one JSON shape every error response has. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** An error the HTTP layer raises itself (not a domain rule): not found, precondition failed... */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError(404, 'NOT_FOUND', `No ${what} "${id}" exists, or you may not see it.`, {
      [what]: id,
    });
  }

  static badRequest(code: string, message: string, details: Record<string, unknown> = {}): ApiError {
    return new ApiError(400, code, message, details);
  }
}
