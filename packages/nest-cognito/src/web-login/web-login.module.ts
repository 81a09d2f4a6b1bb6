import {
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type Provider,
  RequestMethod,
} from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { COGNITO_OPTIONS } from '../cognito.constants.js';
import { CognitoModule } from '../cognito.module.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';
import { IdTokenVerifier } from './id-token.verifier.js';
import { WebLoginTokenRefresher } from './token-refresher.js';
import { WEB_LOGIN_MODULE_OPTIONS, WEB_LOGIN_OPTIONS } from './web-login.constants.js';
import { WebLoginController } from './web-login.controller.js';
import { WebLoginMiddleware } from './web-login.middleware.js';
import { ConfigurableModuleClass } from './web-login.module-definition.js';
import { type CognitoWebLoginOptions, resolveWebLoginOptions } from './web-login.options.js';

/**
 * The options checked at boot against CognitoModule's; without a global CognitoModule the boot
 * stops here with the fix, rather than at a constructor argument index.
 */
const optionsProvider: Provider = {
  provide: WEB_LOGIN_OPTIONS,
  inject: [WEB_LOGIN_MODULE_OPTIONS, ModulesContainer, { token: COGNITO_OPTIONS, optional: true }],
  useFactory: (
    options: CognitoWebLoginOptions,
    modules: ModulesContainer,
    cognito?: ResolvedCognitoOptions,
  ) => {
    if (cognito === undefined) throw new Error(missingCognitoModule(modules.values()));
    return resolveWebLoginOptions(options, cognito);
  },
};

function missingCognitoModule(modules: Iterable<{ metatype: unknown }>): string {
  for (const module of modules) {
    if (module.metatype === CognitoModule) {
      return 'CognitoWebLoginModule needs CognitoModule registered globally: pass isGlobal: true to CognitoModule.forRoot / forRootAsync.';
    }
  }
  return 'CognitoWebLoginModule needs CognitoModule: import CognitoModule.forRoot({ ..., tokenCookie, isGlobal: true }) (or forRootAsync) in the application module.';
}

/** The module's own routes: they read and write the cookies themselves. */
const OWN_ROUTES = [
  { path: 'auth/oauth/login', method: RequestMethod.GET },
  { path: 'auth/oauth/callback', method: RequestMethod.GET },
  { path: 'auth/oauth/logout', method: RequestMethod.POST },
];

/**
 * Backend-for-frontend web login through Cognito's managed login, opt-in:
 *
 * ```ts
 * imports: [
 *   CognitoModule.forRoot({ userPoolId, clientId, clientSecret, tokenCookie: '__Host-cognito-access', isGlobal: true }),
 *   CognitoWebLoginModule.forRoot({
 *     domain: 'https://auth.example.com',
 *     redirectUri: 'https://app.example.com/auth/oauth/callback',
 *     cookie: { secret: process.env.COOKIE_SECRET },
 *   }),
 * ]
 * ```
 *
 * Mounts `/auth/oauth/login`, `/callback` and `/logout`, and a middleware on every other route
 * that refuses cross-site unsafe requests carrying the session cookies and refreshes an expired
 * access token before the guard reads it. The guard (`CognitoAuthGuard`) reads the access token
 * from CognitoModule's `tokenCookie`.
 */
@Module({
  controllers: [WebLoginController],
  providers: [optionsProvider, IdTokenVerifier, WebLoginTokenRefresher, WebLoginMiddleware],
})
export class CognitoWebLoginModule extends ConfigurableModuleClass implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(WebLoginMiddleware)
      .exclude(...OWN_ROUTES)
      .forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
