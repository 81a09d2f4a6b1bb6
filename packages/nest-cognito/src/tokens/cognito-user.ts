/** The name of the main pool (`userPoolId`, `verification.userPoolIds`) among the trusted pools. */
export const DEFAULT_POOL = 'default';

/** What every authenticated caller has, person or machine. */
interface CognitoCaller {
  sub: string;
  /** Cognito groups (`cognito:groups`); always empty for machines. */
  groups: string[];
  /** OAuth scopes of an access token (`scope`); empty for ID tokens. */
  scopes: string[];
  /** The app client the token was issued to (`client_id`, or `aud` of an ID token). */
  clientId: string;
  /** The pool that issued the token. */
  userPoolId: string;
  /** Its name in the options: `'default'` for the main pool, else the key in `trustedPools`. */
  pool: string;
  /** Every claim of the verified token. */
  claims: Record<string, unknown>;
}

/** A person signed in to a user pool. */
export interface CognitoHumanUser extends CognitoCaller {
  isMachine: false;
  /** The user's Cognito user name (the `sub` in pools that sign in with email). */
  username: string;
  email?: string;
  tokenUse: 'access' | 'id';
}

/**
 * An app client authenticated with its own secret (OAuth 2.0 client credentials): an access token
 * without `username`, whose `sub` is the client id and whose `scope` holds the granted custom scopes.
 */
export interface CognitoMachineUser extends CognitoCaller {
  isMachine: true;
  username?: undefined;
  email?: undefined;
  tokenUse: 'access';
}

/** The authenticated caller, as `@CurrentUser()` gives it: narrow on `isMachine`. */
export type CognitoUser = CognitoHumanUser | CognitoMachineUser;

/** Which pool a verified token came from. */
export interface TokenOrigin {
  pool: string;
  userPoolId: string;
}

/**
 * Whether verified claims are a machine token. Cognito puts `username` in every access token it
 * issues to a user and leaves it out of client-credentials tokens, whose `sub` is the client id.
 */
export function isMachineClaims(claims: Record<string, unknown>): boolean {
  return (
    claims.token_use === 'access' &&
    claims.username === undefined &&
    typeof claims.client_id === 'string' &&
    claims.sub === claims.client_id
  );
}

/** Builds the `CognitoUser` from the claims of a verified access or ID token. */
export function userFromClaims(claims: Record<string, unknown>, origin: TokenOrigin): CognitoUser {
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  const sub = String(claims.sub ?? '');
  if (isMachineClaims(claims)) {
    return { isMachine: true, sub, groups: [], scopes, clientId: sub, tokenUse: 'access', ...origin, claims };
  }
  const tokenUse = claims.token_use === 'id' ? 'id' : 'access';
  const groups = claims['cognito:groups'];
  const username = tokenUse === 'id' ? claims['cognito:username'] : claims.username;
  return {
    isMachine: false,
    sub,
    username: String(username ?? claims.sub ?? ''),
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    groups: Array.isArray(groups) ? groups.map(String) : [],
    scopes,
    clientId: String((tokenUse === 'id' ? claims.aud : claims.client_id) ?? ''),
    tokenUse,
    ...origin,
    claims,
  };
}
