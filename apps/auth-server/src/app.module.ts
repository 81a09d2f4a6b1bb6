import { type DynamicModule, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CognitoModule, type CognitoModuleOptions, RedisRevocationStore } from 'nest-cognito';
import { CognitoRestModule } from 'nest-cognito/rest';
import type { RateLimitSettings } from './config.js';
import { HealthController } from './health/health.controller.js';
import { ReadinessService } from './health/readiness.service.js';
import { RedisLifecycle } from './redis-lifecycle.js';
import { connectRedis, REDIS } from './redis.js';

/** What the reference server adds around nest-cognito. */
export interface AppSettings {
  /** Rate limits on the auth routes; `main.ts` always sets them (from the environment). */
  rateLimit?: RateLimitSettings;
  /** Rate-limit counts and sign-outs in this Redis (shared by every instance); unset: in memory. */
  redisUrl?: string;
}

/**
 * Loaded only when rate limits are asked for: `@nestjs/throttler` is CommonJS that `require`s
 * Nest's ES modules, which Node's require(esm) does but Jest's VM modules (test-jest) cannot.
 */
const rateLimitModule = (settings: RateLimitSettings, redis?: Redis) =>
  import('./rate-limit/rate-limit.module.js').then(({ RateLimitModule }) =>
    RateLimitModule.forRoot(settings, redis),
  );

@Module({})
export class AppModule {
  static forRoot(cognito: CognitoModuleOptions, settings: AppSettings = {}): DynamicModule {
    const redis = settings.redisUrl ? connectRedis(settings.redisUrl) : undefined;
    return {
      module: AppModule,
      imports: [
        CognitoModule.forRoot({
          ...cognito,
          ...(redis && !cognito.revocationStore
            ? { revocationStore: new RedisRevocationStore(redis, 'auth-server:revoked:') }
            : {}),
          isGlobal: true,
        }),
        CognitoRestModule.forRoot({ auth: true, admin: true }),
        ...(settings.rateLimit ? [rateLimitModule(settings.rateLimit, redis)] : []),
      ],
      controllers: [HealthController],
      providers: [ReadinessService, ...(redis ? [{ provide: REDIS, useValue: redis }, RedisLifecycle] : [])],
    };
  }
}
