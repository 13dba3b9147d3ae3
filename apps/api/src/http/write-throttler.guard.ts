import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiError } from '@trustworks/platform';

/** Rate-limits writes only: reading and replaying are never throttled. */
@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const method = context.switchToHttp().getRequest<{ method: string }>().method;
    return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
  }

  /** The key in memory: the route and the caller as they are (the default hashes them for external stores). */
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return `${context.getClass().name}.${context.getHandler().name}.${name}.${tracker}`;
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new ApiError(
      429,
      'TOO_MANY_REQUESTS',
      'Too many changes in a short time; wait a moment and try again.',
    );
  }
}
