import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type DynamicModule, Module } from '@nestjs/common';
import { CognitoAdminGroupGuard } from './admin/admin-group.guard.js';
import { CognitoAdminService } from './admin/cognito-admin.service.js';
import { CognitoAuthService } from './auth/cognito-auth.service.js';
import { COGNITO_JWKS_FETCHER, COGNITO_MODULE_OPTIONS, COGNITO_OPTIONS } from './cognito.constants.js';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass } from './cognito.module-definition.js';
import {
  type CognitoModuleOptions,
  type ResolvedCognitoOptions,
  removedOptions,
  resolveCognitoOptions,
} from './cognito.options.js';
import { CognitoAuthGuard } from './guards/cognito-auth.guard.js';
import { MemoryRevocationStore } from './revocation/memory-revocation.store.js';
import { COGNITO_REVOCATION_STORE } from './revocation/revocation.store.js';
import { CognitoTokenVerifier } from './tokens/cognito-token-verifier.js';
import { jwksFetcher } from './tokens/jwks-fetch.js';

@Module({
  providers: [
    {
      provide: COGNITO_OPTIONS,
      inject: [COGNITO_MODULE_OPTIONS],
      useFactory: (options: CognitoModuleOptions) => resolveCognitoOptions(options),
    },
    {
      provide: CognitoIdentityProviderClient,
      inject: [COGNITO_OPTIONS],
      useFactory: (options: ResolvedCognitoOptions) =>
        new CognitoIdentityProviderClient({
          region: options.region,
          ...(options.endpoint ? { endpoint: options.endpoint } : {}),
          ...(options.credentials ? { credentials: options.credentials } : {}),
        }),
    },
    {
      provide: COGNITO_REVOCATION_STORE,
      inject: [COGNITO_OPTIONS],
      useFactory: (options: ResolvedCognitoOptions) => options.revocationStore ?? new MemoryRevocationStore(),
    },
    {
      provide: COGNITO_JWKS_FETCHER,
      inject: [COGNITO_OPTIONS],
      useFactory: (options: ResolvedCognitoOptions) =>
        jwksFetcher(options.endpoint, options.verification.jwks.timeoutMs),
    },
    CognitoAuthService,
    CognitoAdminService,
    CognitoTokenVerifier,
    CognitoAuthGuard,
    CognitoAdminGroupGuard,
  ],
  exports: [
    CognitoAdminService,
    CognitoAdminGroupGuard,
    COGNITO_REVOCATION_STORE,
    COGNITO_OPTIONS,
    CognitoIdentityProviderClient,
    COGNITO_JWKS_FETCHER,
    CognitoAuthService,
    CognitoTokenVerifier,
    CognitoAuthGuard,
  ],
})
export class CognitoModule extends ConfigurableModuleClass {
  /** `forRoot`'s options are checked when resolved; `forRootAsync`'s extras are checked here. */
  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    const removed = removedOptions(options);
    if (removed.length > 0) throw new Error(`Invalid CognitoModule options:\n  - ${removed.join('\n  - ')}`);
    return super.forRootAsync(options);
  }
}
