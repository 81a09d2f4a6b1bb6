/** Injection token of the validated `ResolvedCognitoOptions`. */
export const COGNITO_OPTIONS = Symbol('COGNITO_OPTIONS');
/** Injection token of the raw options given to `forRoot` / `forRootAsync`. */
export const COGNITO_MODULE_OPTIONS = Symbol('COGNITO_MODULE_OPTIONS');
