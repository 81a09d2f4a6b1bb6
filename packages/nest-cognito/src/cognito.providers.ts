import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Provider } from '@nestjs/common';
import { CognitoAdminGroupGuard } from './admin/admin-group.guard.js';
import { CognitoAdminService } from './admin/cognito-admin.service.js';
import { CognitoAuthService } from './auth/cognito-auth.service.js';
import { AccountFlow } from './auth/flows/account.flow.js';
import { CustomAuthFlow } from './auth/flows/custom-auth.flow.js';
import { PasswordFlow } from './auth/flows/password.flow.js';
import { SignInFlow } from './auth/flows/sign-in.flow.js';
import { DeviceFlow } from './auth/flows/device.flow.js';
import { MfaFlow } from './auth/flows/mfa.flow.js';
import { PasskeyFlow } from './auth/flows/passkey.flow.js';
import { PasswordlessFlow } from './auth/flows/passwordless.flow.js';
import { SrpFlow } from './auth/flows/srp.flow.js';
import { SignOutFlow } from './auth/flows/sign-out.flow.js';
import { SignUpFlow } from './auth/flows/sign-up.flow.js';
import { CognitoClientCredentials } from './client-credentials/cognito-client-credentials.js';
import { CognitoGateway } from './cognito/cognito-gateway.js';
import { COGNITO_JWKS_FETCHER, COGNITO_MODULE_OPTIONS, COGNITO_OPTIONS } from './cognito.constants.js';
import { type ResolvedCognitoOptions, resolveCognitoOptions } from './cognito.options.js';
import { CognitoAuthGuard } from './guards/cognito-auth.guard.js';
import { CognitoPoolNamesCheck } from './guards/pool-names.check.js';
import { MemoryRevocationStore } from './revocation/memory-revocation.store.js';
import { COGNITO_REVOCATION_STORE } from './revocation/revocation.store.js';
import { CognitoTokenVerifier } from './tokens/cognito-token-verifier.js';
import { jwksFetcher } from './tokens/jwks-fetch.js';

/** The options as given, checked once and completed with their defaults. */
const optionsProvider: Provider = {
  provide: COGNITO_OPTIONS,
  inject: [COGNITO_MODULE_OPTIONS],
  useFactory: resolveCognitoOptions,
};

const clientProvider: Provider = {
  provide: CognitoIdentityProviderClient,
  inject: [COGNITO_OPTIONS],
  useFactory: (options: ResolvedCognitoOptions) =>
    new CognitoIdentityProviderClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    }),
};

const revocationStoreProvider: Provider = {
  provide: COGNITO_REVOCATION_STORE,
  inject: [COGNITO_OPTIONS],
  useFactory: (options: ResolvedCognitoOptions) => options.revocationStore ?? new MemoryRevocationStore(),
};

const jwksFetcherProvider: Provider = {
  provide: COGNITO_JWKS_FETCHER,
  inject: [COGNITO_OPTIONS],
  useFactory: (options: ResolvedCognitoOptions) =>
    jwksFetcher(options.endpoint, options.verification.jwks.timeoutMs),
};

/**
 * The client-credentials fetcher of `clientCredentials`, in the module's pool (and endpoint) unless
 * told otherwise; without the option, one whose every call says it is not configured.
 */
const clientCredentialsProvider: Provider = {
  provide: CognitoClientCredentials,
  inject: [COGNITO_OPTIONS],
  useFactory: ({ clientCredentials, userPoolId, endpoint }: ResolvedCognitoOptions) =>
    clientCredentials
      ? new CognitoClientCredentials({
          userPoolId,
          ...(endpoint ? { endpoint } : {}),
          ...clientCredentials,
        })
      : new CognitoClientCredentials(),
};

/** The user flows behind `CognitoAuthService`, each a class of its own (internal to the module). */
const userFlows = [
  SignUpFlow,
  SignInFlow,
  SrpFlow,
  DeviceFlow,
  MfaFlow,
  PasswordlessFlow,
  PasskeyFlow,
  CustomAuthFlow,
  PasswordFlow,
  AccountFlow,
  SignOutFlow,
];

/** What `CognitoModule` provides. */
export const cognitoProviders: Provider[] = [
  optionsProvider,
  clientProvider,
  revocationStoreProvider,
  jwksFetcherProvider,
  CognitoGateway,
  ...userFlows,
  CognitoAuthService,
  CognitoAdminService,
  CognitoTokenVerifier,
  CognitoAuthGuard,
  CognitoAdminGroupGuard,
  CognitoPoolNamesCheck,
  clientCredentialsProvider,
];

/** What `CognitoModule` exports: the documented services, guards and tokens. */
export const cognitoExports = [
  CognitoAdminService,
  CognitoAdminGroupGuard,
  COGNITO_REVOCATION_STORE,
  COGNITO_OPTIONS,
  CognitoIdentityProviderClient,
  COGNITO_JWKS_FETCHER,
  CognitoAuthService,
  CognitoTokenVerifier,
  CognitoAuthGuard,
  CognitoClientCredentials,
];
