/** Injection token of the raw options given to `CognitoWebLoginModule.forRoot` / `forRootAsync`. */
export const WEB_LOGIN_MODULE_OPTIONS = Symbol('WEB_LOGIN_MODULE_OPTIONS');
/** Injection token of the validated `ResolvedWebLoginOptions`. */
export const WEB_LOGIN_OPTIONS = Symbol('WEB_LOGIN_OPTIONS');
