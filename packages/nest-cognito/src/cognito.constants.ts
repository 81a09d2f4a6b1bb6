/** Injection token of the validated `ResolvedCognitoOptions`. */
export const COGNITO_OPTIONS = Symbol('COGNITO_OPTIONS');
/** Injection token of the raw options given to `forRoot` / `forRootAsync`. */
export const COGNITO_MODULE_OPTIONS = Symbol('COGNITO_MODULE_OPTIONS');
/** Injection token of the function that fetches a pool's JWKS (`(jwksUri) => Promise<Jwks>`). */
export const COGNITO_JWKS_FETCHER = Symbol('COGNITO_JWKS_FETCHER');
