import { type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { isLimitedRoute } from './limited-routes.js';

/** The body of a 429: the error shape of every other error the server sends. */
export const TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS';

/**
 * `@nestjs/throttler`'s guard on the rate-limited routes only (the rest pass untouched). Over a
 * limit: 429 `TOO_MANY_REQUESTS` with `Retry-After` (seconds until the caller may try again).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !isLimitedRoute(context);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    const reply = context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
    reply.header('Retry-After', String(seconds));
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        code: TOO_MANY_REQUESTS,
        message: `Too many requests; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
