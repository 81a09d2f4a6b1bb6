export { CognitoAdminGroupGuard } from './admin/admin-group.guard.js';
export { CognitoAdminController } from './admin/cognito-admin.controller.js';
export { CognitoAdminService } from './admin/cognito-admin.service.js';
export type * from './admin/cognito-admin.types.js';
export * from './admin/dto/admin.dto.js';
export * from './admin/dto/admin-responses.dto.js';
export { CognitoAuthController } from './auth/cognito-auth.controller.js';
export { CognitoAuthService } from './auth/cognito-auth.service.js';
export {
  type AuthChallenge,
  type AuthTokens,
  type CodeDelivery,
  isChallenge,
  type NewPasswordAnswer,
  type RefreshedTokens,
  type SignInResult,
  type SignUpInput,
  type SignUpResult,
  type UserProfile,
} from './auth/cognito-auth.types.js';
export * from './auth/dto/auth.dto.js';
export * from './auth/dto/auth-responses.dto.js';
export { type ApiErrorCase, ApiCognitoErrors } from './errors/api-errors.decorator.js';
export { MemoryRevocationStore } from './revocation/memory-revocation.store.js';
export { type RedisClientLike, RedisRevocationStore } from './revocation/redis-revocation.store.js';
export {
  COGNITO_REVOCATION_STORE,
  type RevocationCheck,
  type RevocationStore,
} from './revocation/revocation.store.js';
export { computeSecretHash } from './auth/secret-hash.js';
export { COGNITO_JWKS_FETCHER, COGNITO_MODULE_OPTIONS, COGNITO_OPTIONS } from './cognito.constants.js';
export { type JwksFetcher, jwksFetcher } from './tokens/jwks-fetch.js';
export { CognitoModule } from './cognito.module.js';
export type { CognitoModuleExtras } from './cognito.module-definition.js';
export type {
  CognitoAuthFlow,
  CognitoModuleOptions,
  CognitoVerificationOptions,
  ResolvedCognitoOptions,
  ResolvedVerificationOptions,
} from './cognito.options.js';
export { resolveCognitoOptions } from './cognito.options.js';
export { AccessToken, CurrentUser } from './decorators/current-user.decorator.js';
export { COGNITO_GROUPS, type GroupRequirement, Groups } from './decorators/groups.decorator.js';
export { IS_OPTIONAL_AUTH, OptionalAuth } from './decorators/optional-auth.decorator.js';
export { IS_PUBLIC, Public } from './decorators/public.decorator.js';
export { COGNITO_SCOPES, type ScopeRequirement, Scopes } from './decorators/scopes.decorator.js';
export { type CognitoErrorBody, CognitoException, toCognitoException } from './errors/cognito.exception.js';
export {
  AWS_CREDENTIALS_MISSING,
  COGNITO_ERROR,
  COGNITO_ERROR_TABLE,
  COGNITO_UNAVAILABLE,
} from './errors/cognito-error-codes.js';
export { CognitoAuthGuard, MAX_TOKEN_LENGTH } from './guards/cognito-auth.guard.js';
export { findToken, requestOf, type TokenCarrier, type TokenLookup } from './guards/token-sources.js';
export { CognitoTokenVerifier, JwtMissingExpError } from './tokens/cognito-token-verifier.js';
export { CognitoJwksCache, type JwksCacheOptions } from './tokens/jwks-cache.js';
export { VerifiedTokenCache } from './tokens/verified-token-cache.js';
export { type CognitoUser, userFromClaims } from './tokens/cognito-user.js';
export { createCognitoValidationPipe } from './validation/cognito-validation.pipe.js';
export { CognitoExceptionFilter } from './errors/cognito-exception.filter.js';
export { applyCognitoErrorHandling, cognitoFastifyOptions } from './errors/apply-error-handling.js';
export { cognitoClientErrorHandler } from './errors/client-error.handler.js';
export { errorBodyOf } from './errors/error-body.js';
export { HTTP_ERROR_TABLE, type HttpErrorCode } from './errors/http-error-codes.js';
export { CognitoValidationPipe } from './validation/cognito-validation.pipe.js';
export { CognitoJsonBodyGuard } from './validation/json-body.guard.js';
export { findHostileInput, MAX_INPUT_DEPTH } from './validation/hostile-input.js';
