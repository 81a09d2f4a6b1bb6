import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, secretHash } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD, rejection } from './helpers.js';

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;

beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

const codeFor = (to: string) => emulator.messages({ to }).at(-1)?.code ?? '';

describe('sign-up, confirmation and sign-in through the AWS SDK', () => {
  it('registers, confirms with the emailed code, signs in and reads the user', async () => {
    const { poolId, clientId } = await emailPool(cognito);
    const signUp = await cognito.signUp({
      ClientId: clientId,
      Username: 'ada@example.com',
      Password: PASSWORD,
      UserAttributes: [{ Name: 'name', Value: 'Ada' }],
    });
    expect(signUp.UserConfirmed).toBe(false);
    expect(signUp.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(signUp.CodeDeliveryDetails).toEqual({
      Destination: 'a***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });

    const [message] = emulator.messages({ to: 'ada@example.com' });
    expect(message).toMatchObject({
      poolId,
      to: 'ada@example.com',
      kind: 'SIGN_UP',
      subject: 'Your verification code',
    });
    expect(message!.code).toMatch(/^\d{6}$/);
    expect(message!.body).toContain(message!.code!);

    await cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'ada@example.com',
      ConfirmationCode: message!.code!,
    });
    const { AuthenticationResult: tokens } = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ADA@example.com', PASSWORD },
    });
    expect(tokens).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    expect(tokens?.RefreshToken).toBeTruthy();

    const user = await cognito.getUser({ AccessToken: tokens!.AccessToken! });
    expect(user.Username).toBe(signUp.UserSub);
    expect(Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]))).toEqual({
      sub: signUp.UserSub,
      email: 'ada@example.com',
      email_verified: 'true',
      name: 'Ada',
    });
  });

  it('issues tokens with the claims and issuer AWS uses, verifiable by aws-jwt-verify from the JWKS', async () => {
    const { poolId, clientId } = await emailPool(cognito);
    await cognito.signUp({ ClientId: clientId, Username: 'bo@example.com', Password: PASSWORD });
    await cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'bo@example.com',
      ConfirmationCode: codeFor('bo@example.com'),
    });
    const { AuthenticationResult: tokens } = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'bo@example.com', PASSWORD },
    });
    const jwks = (await (await fetch(`${emulator.endpoint}/${poolId}/.well-known/jwks.json`)).json()) as Jwks;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });

    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId });
    accessVerifier.cacheJwks(jwks);
    const access = await accessVerifier.verify(tokens!.AccessToken!);
    expect(access).toMatchObject({
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      client_id: clientId,
      version: 2,
    });
    expect(access.exp - access.iat).toBe(3600);
    for (const claim of ['sub', 'origin_jti', 'event_id', 'auth_time', 'jti', 'username'])
      expect(access).toHaveProperty(claim);

    const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
    idVerifier.cacheJwks(jwks);
    const id = await idVerifier.verify(tokens!.IdToken!);
    expect(id).toMatchObject({
      aud: clientId,
      email: 'bo@example.com',
      email_verified: true,
      token_use: 'id',
    });
    expect(id['cognito:username']).toBe(access.username);
    expect(id.origin_jti).toBe(access.origin_jti);
  });

  it('refreshes with the refresh token, without a new refresh token', async () => {
    const { clientId } = await emailPool(cognito);
    await cognito.signUp({ ClientId: clientId, Username: 'cy@example.com', Password: PASSWORD });
    await cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'cy@example.com',
      ConfirmationCode: codeFor('cy@example.com'),
    });
    const { AuthenticationResult: first } = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'cy@example.com', PASSWORD },
    });
    const { AuthenticationResult: refreshed } = await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: first!.RefreshToken! },
    });
    expect(refreshed?.AccessToken).toBeTruthy();
    expect(refreshed?.IdToken).toBeTruthy();
    expect(refreshed?.RefreshToken).toBeUndefined();
    const garbage = await rejection(
      cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: 'nope' },
      }),
    );
    expect(garbage).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });
});

describe('what Cognito refuses, with its error names and messages', () => {
  it('refuses a wrong password and an unknown user alike (PreventUserExistenceErrors ENABLED)', async () => {
    const { clientId } = await emailPool(cognito);
    await cognito.signUp({ ClientId: clientId, Username: 'di@example.com', Password: PASSWORD });
    await cognito.confirmSignUp({
      ClientId: clientId,
      Username: 'di@example.com',
      ConfirmationCode: codeFor('di@example.com'),
    });
    const auth = (USERNAME: string, password: string) =>
      cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME, PASSWORD: password },
      });
    const wrong = await rejection(auth('di@example.com', 'Wrong-passw0rd'));
    const unknown = await rejection(auth('nobody@example.com', PASSWORD));
    expect(wrong).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(unknown).toMatchObject({ name: wrong.name, message: wrong.message });
  });

  it('tells an unknown user apart only for a LEGACY client', async () => {
    const { clientId } = await emailPool(cognito, { preventUserExistenceErrors: 'LEGACY' });
    const error = await rejection(
      cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'nobody@example.com', PASSWORD },
      }),
    );
    expect(error).toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('refuses sign-in before confirmation, a wrong code, and a second confirmation', async () => {
    const { clientId } = await emailPool(cognito);
    await cognito.signUp({ ClientId: clientId, Username: 'ed@example.com', Password: PASSWORD });
    const early = await rejection(
      cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ed@example.com', PASSWORD },
      }),
    );
    expect(early).toMatchObject({ name: 'UserNotConfirmedException', message: 'User is not confirmed.' });
    const code = codeFor('ed@example.com');
    const wrongCode = code === '000000' ? '111111' : '000000';
    expect(
      await rejection(
        cognito.confirmSignUp({
          ClientId: clientId,
          Username: 'ed@example.com',
          ConfirmationCode: wrongCode,
        }),
      ),
    ).toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    await cognito.confirmSignUp({ ClientId: clientId, Username: 'ed@example.com', ConfirmationCode: code });
    expect(
      await rejection(
        cognito.confirmSignUp({ ClientId: clientId, Username: 'ed@example.com', ConfirmationCode: code }),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });

  it('enforces the password policy and refuses a taken email', async () => {
    const { clientId } = await emailPool(cognito);
    const weak = await rejection(
      cognito.signUp({ ClientId: clientId, Username: 'fa@example.com', Password: 'password1' }),
    );
    expect(weak).toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have uppercase characters',
    });
    const short = await rejection(
      cognito.signUp({ ClientId: clientId, Username: 'fa@example.com', Password: 'Pa1!' }),
    );
    expect(short.message).toBe('Password did not conform with policy: Password not long enough');
    await cognito.signUp({ ClientId: clientId, Username: 'fa@example.com', Password: PASSWORD });
    const taken = await rejection(
      cognito.signUp({ ClientId: clientId, Username: 'FA@example.com', Password: PASSWORD }),
    );
    expect(taken).toMatchObject({
      name: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
  });

  it('requires a correct SECRET_HASH from a client with a secret', async () => {
    const { clientId, clientSecret } = await emailPool(cognito, { secret: true });
    expect(clientSecret).toHaveLength(51);
    const missing = await rejection(
      cognito.signUp({ ClientId: clientId, Username: 'gu@example.com', Password: PASSWORD }),
    );
    expect(missing).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    });
    const wrong = await rejection(
      cognito.signUp({
        ClientId: clientId,
        Username: 'gu@example.com',
        Password: PASSWORD,
        SecretHash: 'd3Jvbmc=',
      }),
    );
    expect(wrong.message).toBe(`Unable to verify secret hash for client ${clientId}`);
    const SecretHash = secretHash(clientSecret!, 'gu@example.com', clientId);
    await cognito.signUp({ ClientId: clientId, Username: 'gu@example.com', Password: PASSWORD, SecretHash });
  });

  it('refuses an auth flow the client does not enable', async () => {
    const { clientId } = await emailPool(cognito, { flows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
    const error = await rejection(
      cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'x@example.com', PASSWORD },
      }),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
  });

  it('refuses a garbage access token and names unknown clients', async () => {
    expect(await rejection(cognito.getUser({ AccessToken: 'a.b.c' }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
    expect(
      await rejection(
        cognito.signUp({ ClientId: 'doesnotexist', Username: 'x@example.com', Password: PASSWORD }),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client doesnotexist does not exist.',
    });
  });

  it('answers input-constraint violations as AWS does', async () => {
    const error = await rejection(cognito.signUp({ ClientId: '', Username: '', Password: PASSWORD }));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toMatch(/^\d validation errors? detected: /);
    expect(error.message).toContain(
      "at 'clientId' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});
