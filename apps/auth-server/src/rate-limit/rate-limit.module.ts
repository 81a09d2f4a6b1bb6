import { type DynamicModule, type ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorageService } from '@nestjs/throttler';
import type { RateLimitSettings } from '../config.js';
import { accountOf } from './limited-routes.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { type RedisEval, RedisThrottlerStorage } from './redis-throttler.storage.js';

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<{ body?: unknown }>();

/**
 * Rate limits on the auth routes (see `limited-routes.ts`): per client IP and per account, each
 * route counted on its own, in Redis when one is given (shared by every instance), else in memory.
 */
@Module({})
export class RateLimitModule {
  static forRoot(settings: RateLimitSettings, redis?: RedisEval): DynamicModule {
    const ttl = settings.windowSeconds * 1000;
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'ip', ttl, limit: settings.perIp, skipIf: () => settings.perIp === 0 },
            {
              name: 'account',
              ttl,
              limit: settings.perAccount,
              getTracker: (request) => accountOf(request) ?? '',
              skipIf: (context) => settings.perAccount === 0 || accountOf(requestOf(context)) === undefined,
            },
          ],
          // One header, Retry-After, set by the guard on a 429; none on other answers.
          setHeaders: false,
          storage: redis
            ? new RedisThrottlerStorage(redis, new ThrottlerStorageService())
            : new ThrottlerStorageService(),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
