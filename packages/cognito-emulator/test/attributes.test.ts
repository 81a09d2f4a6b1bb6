import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk, PASSWORD, rejection, signedInUser } from './helpers.js';

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
});
afterAll(() => emulator.stop());

const attributesOf = async (AccessToken: string) =>
  Object.fromEntries(
    (await cognito.getUser({ AccessToken })).UserAttributes!.map((a) => [a.Name!, a.Value!]),
  );

describe('UpdateUserAttributes', () => {
  it('changes plain attributes and answers an empty delivery list', async () => {
    const { tokens } = await signedInUser(emulator, cognito, 'plain@example.com');
    const answer = await cognito.updateUserAttributes({
      AccessToken: tokens.AccessToken!,
      UserAttributes: [
        { Name: 'name', Value: 'Ada Lovelace' },
        { Name: 'locale', Value: 'en-GB' },
      ],
    });
    expect(answer.CodeDeliveryDetailsList).toEqual([]);
    expect(await attributesOf(tokens.AccessToken!)).toMatchObject({ name: 'Ada Lovelace', locale: 'en-GB' });
  });

  it('a new email is unverified at once, gets a code, and signs in (no verification required)', async () => {
    const { tokens, clientId } = await signedInUser(emulator, cognito, 'old@example.com');
    const answer = await cognito.updateUserAttributes({
      AccessToken: tokens.AccessToken!,
      UserAttributes: [{ Name: 'email', Value: 'new@example.com' }],
    });
    expect(answer.CodeDeliveryDetailsList).toEqual([
      { Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    ]);
    expect(await attributesOf(tokens.AccessToken!)).toMatchObject({
      email: 'new@example.com',
      email_verified: 'false',
    });
    const code = emulator.messages({ to: 'new@example.com' }).at(-1)!;
    expect(code.kind).toBe('VERIFY_ATTRIBUTE');
    await cognito.verifyUserAttribute({
      AccessToken: tokens.AccessToken!,
      AttributeName: 'email',
      Code: code.code!,
    });
    expect((await attributesOf(tokens.AccessToken!)).email_verified).toBe('true');
    // The code was single-use.
    expect(
      await rejection(
        cognito.verifyUserAttribute({
          AccessToken: tokens.AccessToken!,
          AttributeName: 'email',
          Code: code.code!,
        }),
      ),
    ).toMatchObject({ name: 'CodeMismatchException' });
    await cognito.initiateAuth({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'new@example.com', PASSWORD },
    });
  });

  it('with AttributesRequireVerificationBeforeUpdate the old email holds until the code is given', async () => {
    const { tokens, poolId, clientId } = await signedInUser(emulator, cognito, 'keep@example.com');
    await cognito.updateUserPool({
      UserPoolId: poolId,
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
    await cognito.updateUserAttributes({
      AccessToken: tokens.AccessToken!,
      UserAttributes: [{ Name: 'email', Value: 'pending@example.com' }],
    });
    expect(await attributesOf(tokens.AccessToken!)).toMatchObject({
      email: 'keep@example.com',
      email_verified: 'true',
    });
    const signIn = (USERNAME: string) =>
      cognito.initiateAuth({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME, PASSWORD },
      });
    await signIn('keep@example.com');
    expect(await rejection(signIn('pending@example.com'))).toMatchObject({ name: 'NotAuthorizedException' });

    // A resend goes to the pending address as well.
    const resent = await cognito.getUserAttributeVerificationCode({
      AccessToken: tokens.AccessToken!,
      AttributeName: 'email',
    });
    expect(resent.CodeDeliveryDetails).toMatchObject({ Destination: 'p***@e***' });
    const code = emulator.messages({ to: 'pending@example.com' }).at(-1)!.code!;
    expect(
      await rejection(
        cognito.verifyUserAttribute({
          AccessToken: tokens.AccessToken!,
          AttributeName: 'email',
          Code: code === '000000' ? '111111' : '000000',
        }),
      ),
    ).toMatchObject({ name: 'CodeMismatchException' });
    await cognito.verifyUserAttribute({
      AccessToken: tokens.AccessToken!,
      AttributeName: 'email',
      Code: code,
    });
    expect(await attributesOf(tokens.AccessToken!)).toMatchObject({
      email: 'pending@example.com',
      email_verified: 'true',
    });
    await signIn('pending@example.com');
    expect(await rejection(signIn('keep@example.com'))).toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('another user’s email is AliasExistsException', async () => {
    const first = await signedInUser(emulator, cognito, 'taken@example.com');
    await cognito.signUp({ ClientId: first.clientId, Username: 'other@example.com', Password: PASSWORD });
    expect(
      await rejection(
        cognito.updateUserAttributes({
          AccessToken: first.tokens.AccessToken!,
          UserAttributes: [{ Name: 'email', Value: 'other@example.com' }],
        }),
      ),
    ).toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the given email already exists.',
    });
  });

  it('refuses sub, verification flags, unknown and over-long attributes', async () => {
    const { tokens } = await signedInUser(emulator, cognito, 'refuse@example.com');
    const update = (Name: string, Value: string) =>
      rejection(
        cognito.updateUserAttributes({ AccessToken: tokens.AccessToken!, UserAttributes: [{ Name, Value }] }),
      );
    expect(await update('sub', 'x')).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Cannot modify an immutable attribute: sub',
    });
    expect(await update('email_verified', 'true')).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
    expect(await update('custom:nope', 'x')).toMatchObject({
      name: 'InvalidParameterException',
      message:
        'Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.',
    });
    expect(await update('name', 'x'.repeat(2049))).toMatchObject({ name: 'InvalidParameterException' });
  });

  it('rejects a revoked access token', async () => {
    const { tokens } = await signedInUser(emulator, cognito, 'revoked-attrs@example.com');
    await cognito.globalSignOut({ AccessToken: tokens.AccessToken! });
    expect(
      await rejection(
        cognito.updateUserAttributes({
          AccessToken: tokens.AccessToken!,
          UserAttributes: [{ Name: 'name', Value: 'x' }],
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
  });
});

describe('GetUserAttributeVerificationCode', () => {
  it('sends a code for the current email; an attribute without a value is refused', async () => {
    const { tokens } = await signedInUser(emulator, cognito, 'again@example.com');
    const before = emulator.messages({ to: 'again@example.com' }).length;
    const answer = await cognito.getUserAttributeVerificationCode({
      AccessToken: tokens.AccessToken!,
      AttributeName: 'email',
    });
    expect(answer.CodeDeliveryDetails).toEqual({
      Destination: 'a***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    expect(emulator.messages({ to: 'again@example.com' })).toHaveLength(before + 1);
    expect(
      await rejection(
        cognito.getUserAttributeVerificationCode({
          AccessToken: tokens.AccessToken!,
          AttributeName: 'phone_number',
        }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('AdminInitiateAuth', () => {
  it('signs in with ADMIN_USER_PASSWORD_AUTH and refreshes, when the client allows it', async () => {
    const { poolId, clientId } = await signedInUser(emulator, cognito, 'admin-flow@example.com', {
      flows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const signIn = await cognito.adminInitiateAuth({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'admin-flow@example.com', PASSWORD },
    });
    expect(signIn.AuthenticationResult).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
    const refreshed = await cognito.adminInitiateAuth({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: signIn.AuthenticationResult!.RefreshToken! },
    });
    expect(refreshed.AuthenticationResult!.AccessToken).toBeTruthy();
    expect(refreshed.AuthenticationResult!.RefreshToken).toBeUndefined();
    expect(
      await rejection(
        cognito.adminInitiateAuth({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'admin-flow@example.com', PASSWORD: 'Wr0ng!pass' },
        }),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(
      await rejection(
        cognito.adminInitiateAuth({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'admin-flow@example.com', PASSWORD },
        }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Initiate Auth method not supported.' });
  });

  it('refuses the flow when the client does not enable it', async () => {
    const { poolId, clientId } = await signedInUser(emulator, cognito, 'no-admin-flow@example.com');
    expect(
      await rejection(
        cognito.adminInitiateAuth({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'no-admin-flow@example.com', PASSWORD },
        }),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'ADMIN_USER_PASSWORD_AUTH flow not enabled for this client',
    });
  });
});
