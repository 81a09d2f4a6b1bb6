import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoRefreshToken,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';

// amazon-cognito-identity-js speaks in callbacks; these turn the few calls the tests make into
// promises, and change nothing else: the flow is the library's default (USER_SRP_AUTH).

export const userPoolOf = (endpoint: string, pool: { poolId: string; clientId: string }) =>
  new CognitoUserPool({ UserPoolId: pool.poolId, ClientId: pool.clientId, endpoint });

export const userOf = (userPool: CognitoUserPool, name: string) =>
  new CognitoUser({ Username: name, Pool: userPool });

export const authenticate = (user: CognitoUser, password: string) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
    }),
  );

/** The session from the library's storage (it refreshes only when the tokens have expired). */
export const getSession = (user: CognitoUser) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.getSession((error: Error | null, session: CognitoUserSession | null) =>
      error ? reject(error) : resolve(session!),
    ),
  );

export const refreshSession = (user: CognitoUser, refreshToken: CognitoRefreshToken) =>
  new Promise<CognitoUserSession>((resolve, reject) =>
    user.refreshSession(refreshToken, (error: unknown, session: CognitoUserSession) =>
      error ? reject(error) : resolve(session),
    ),
  );

export const changePassword = (user: CognitoUser, oldPassword: string, newPassword: string) =>
  new Promise<void>((resolve, reject) =>
    user.changePassword(oldPassword, newPassword, (error) => (error ? reject(error) : resolve())),
  );

export const globalSignOut = (user: CognitoUser) =>
  new Promise<void>((resolve, reject) =>
    user.globalSignOut({ onSuccess: () => resolve(), onFailure: reject }),
  );
