/**
 * `nest-cognito`: the module, its services, the guard and decorators, revocation stores and the
 * error mapping. Nothing reachable from here loads `@nestjs/swagger`, `class-validator` or
 * `class-transformer`: the REST controllers, DTOs and validation pipe are `nest-cognito/rest`.
 */
export { CognitoModule } from './cognito.module.js';
export type { CognitoModuleExtras } from './cognito.module-definition.js';
export {
  type CognitoAuthFlow,
  type CognitoModuleOptions,
  type CognitoVerificationOptions,
  type ResolvedCognitoOptions,
  type ResolvedVerificationOptions,
  resolveCognitoOptions,
} from './cognito.options.js';
export { COGNITO_JWKS_FETCHER, COGNITO_OPTIONS } from './cognito.constants.js';
export type { JwksFetcher } from './tokens/jwks-fetch.js';

export { CognitoAuthService } from './auth/cognito-auth.service.js';
export {
  type AuthChallenge,
  type AuthChallengeName,
  type ChallengeAnswer,
  type MfaFactor,
  type MfaPreferences,
  type MfaPreferencesInput,
  type TotpSetup,
  type TotpSubject,
  type AuthTokens,
  type CodeDelivery,
  isChallenge,
  type NewPasswordAnswer,
  type RefreshedTokens,
  type DeviceInfo,
  type NewDevice,
  type DeviceCredentials,
  type SignInOptions,
  type SignInResult,
  type SignUpInput,
  type SignUpResult,
  type UserProfile,
  type AuthFactor,
  type FirstFactor,
  type PasswordlessFactor,
  type PasswordlessOptions,
  type CustomChallengeOptions,
  type WithClientMetadata,
  type PasskeyCredential,
  type PasskeyCreationOptions,
  type PasskeyDescriptor,
  type PasskeyInfo,
  type PasskeyRequestOptions,
  type UserAuthFactors,
} from './auth/cognito-auth.types.js';
export { CognitoAdminService } from './admin/cognito-admin.service.js';
export type * from './admin/cognito-admin.types.js';
export type { Page } from './cognito/page.js';
export { CognitoAdminGroupGuard } from './admin/admin-group.guard.js';

export { CognitoAuthGuard } from './guards/cognito-auth.guard.js';
export type { TokenCarrier, TokenLookup } from './guards/token-sources.js';
export { CognitoTokenVerifier } from './tokens/cognito-token-verifier.js';
export type { CognitoUser } from './tokens/cognito-user.js';
export { AccessToken, CurrentUser } from './decorators/current-user.decorator.js';
export { COGNITO_GROUPS, type GroupRequirement, Groups } from './decorators/groups.decorator.js';
export { IS_OPTIONAL_AUTH, OptionalAuth } from './decorators/optional-auth.decorator.js';
export { IS_PUBLIC, Public } from './decorators/public.decorator.js';
export { COGNITO_SCOPES, type ScopeRequirement, Scopes } from './decorators/scopes.decorator.js';

export { MemoryRevocationStore } from './revocation/memory-revocation.store.js';
export { type RedisClientLike, RedisRevocationStore } from './revocation/redis-revocation.store.js';
export {
  COGNITO_REVOCATION_STORE,
  type RevocationCheck,
  type RevocationStore,
} from './revocation/revocation.store.js';

export {
  type CognitoErrorBody,
  type CognitoErrorCode,
  CognitoException,
  isCognitoError,
  toCognitoException,
} from './errors/cognito.exception.js';
export {
  AWS_CREDENTIALS_MISSING,
  COGNITO_ERROR,
  COGNITO_ERROR_CODES,
  COGNITO_ERROR_TABLE,
  COGNITO_UNAVAILABLE,
  type CognitoErrorEntry,
  type CognitoErrorName,
  type CognitoOperationErrorCode,
} from './errors/cognito-error-codes.js';
export { HTTP_ERROR_TABLE, type HttpErrorCode } from './errors/http-error-codes.js';
export { errorBodyOf } from './errors/error-body.js';
export { CognitoExceptionFilter } from './errors/cognito-exception.filter.js';
export { applyCognitoErrorHandling, cognitoFastifyOptions } from './errors/apply-error-handling.js';
export { cognitoClientErrorHandler } from './errors/client-error.handler.js';
export { CognitoJsonBodyGuard } from './validation/json-body.guard.js';

// Machine tokens, several pools per route, client credentials (issue 17).
export {
  type CognitoHumanUser,
  type CognitoMachineUser,
  DEFAULT_POOL,
  type TokenOrigin,
} from './tokens/cognito-user.js';
export { COGNITO_POOLS, CognitoPools } from './decorators/cognito-pools.decorator.js';
export {
  type CallerKind,
  COGNITO_CALLER_KIND,
  MachinesOnly,
  UsersOnly,
} from './decorators/caller-kind.decorator.js';
export type { ResolvedTrustedPool, TrustedPoolOptions } from './cognito.options.js';
export {
  type ClientCredentialsToken,
  CognitoClientCredentials,
} from './client-credentials/cognito-client-credentials.js';
export { CognitoClientCredentialsError } from './client-credentials/client-credentials.error.js';
export type {
  ClientCredentialsModuleOptions,
  CognitoClientCredentialsOptions,
} from './client-credentials/client-credentials.options.js';

// Backend-for-frontend web login through the managed login, tokens in httpOnly cookies (issue 17).
export { CognitoWebLoginModule } from './web-login/web-login.module.js';
export type { CognitoWebLoginOptions, WebLoginCookieOptions } from './web-login/web-login.options.js';
export { WEB_LOGIN_ERRORS, type WebLoginErrorCode, WebLoginException } from './web-login/web-login.errors.js';
