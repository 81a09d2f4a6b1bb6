import { type DynamicModule, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  CognitoModule,
  type CognitoModuleOptions,
  CognitoWebLoginModule,
  type CognitoWebLoginOptions,
  RedisRevocationStore,
} from 'nest-cognito';
import { CognitoRestModule } from 'nest-cognito/rest';
import { type RateLimitSettings, WEB_LOGIN_SCOPES, type WebLoginConfig } from './config.js';
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
  /** The backend-for-frontend web login (`/auth/oauth/*`); unset: off. See `webLoginOptions`. */
  webLogin?: CognitoWebLoginOptions;
}

/** The cookie the web login keeps the access token in, and the guard reads it from. */
export const WEB_ACCESS_COOKIE = '__Host-cognito-access';

/**
 * The web login's options from the server's configuration: `domain` is the user pool domain
 * (COGNITO_DOMAIN, or the embedded emulator's endpoint), `/auth/me` and the other user routes work
 * with the cookie alone, and a sign-out lands back on the server's origin.
 */
export function webLoginOptions(config: WebLoginConfig, domain: string): CognitoWebLoginOptions {
  return {
    domain: config.domain ?? domain,
    redirectUri: `${config.origin}/auth/oauth/callback`,
    postLogoutRedirect: `${config.origin}/`,
    scopes: WEB_LOGIN_SCOPES,
    cookie: { secret: config.cookieSecret },
  };
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
          ...(settings.webLogin && !cognito.tokenCookie ? { tokenCookie: WEB_ACCESS_COOKIE } : {}),
          ...(redis && !cognito.revocationStore
            ? { revocationStore: new RedisRevocationStore(redis, 'auth-server:revoked:') }
            : {}),
          isGlobal: true,
        }),
        CognitoRestModule.forRoot({ auth: true, admin: true }),
        ...(settings.webLogin ? [CognitoWebLoginModule.forRoot(settings.webLogin)] : []),
        ...(settings.rateLimit ? [rateLimitModule(settings.rateLimit, redis)] : []),
      ],
      controllers: [HealthController],
      providers: [ReadinessService, ...(redis ? [{ provide: REDIS, useValue: redis }, RedisLifecycle] : [])],
    };
  }
}
