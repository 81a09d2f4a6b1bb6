/** The authenticated caller, as `@CurrentUser()` gives it. */
export interface CognitoUser {
  sub: string;
  /** The user's Cognito user name (the `sub` in pools that sign in with email). */
  username: string;
  email?: string;
  groups: string[];
  scopes: string[];
  clientId: string;
  tokenUse: 'access' | 'id';
  /** Every claim of the verified token. */
  claims: Record<string, unknown>;
}

/** Builds the `CognitoUser` from the claims of a verified access or ID token. */
export function userFromClaims(claims: Record<string, unknown>): CognitoUser {
  const tokenUse = claims.token_use === 'id' ? 'id' : 'access';
  const groups = claims['cognito:groups'];
  const username = tokenUse === 'id' ? claims['cognito:username'] : claims.username;
  return {
    sub: String(claims.sub ?? ''),
    username: String(username ?? claims.sub ?? ''),
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    groups: Array.isArray(groups) ? groups.map(String) : [],
    scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
    clientId: String((tokenUse === 'id' ? claims.aud : claims.client_id) ?? ''),
    tokenUse,
    claims,
  };
}
