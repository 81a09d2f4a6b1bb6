import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emailPool, emulatorWithSdk, PASSWORD, rejection } from './helpers.js';

/** Names that are no attribute of any pool's schema: Object.prototype members, a typo, an undeclared custom one. */
const NOT_IN_SCHEMA = ['__proto__', 'constructor', 'toString', 'emial', 'custom:undeclared'];

let emulator: RunningEmulator;
let cognito: CognitoIdentityProvider;
let poolId: string;
const username = 'names@example.com';
beforeAll(async () => {
  ({ emulator, cognito } = await emulatorWithSdk());
  ({ poolId } = await emailPool(cognito));
  await cognito.adminCreateUser({
    UserPoolId: poolId,
    Username: username,
    TemporaryPassword: PASSWORD,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'name', Value: 'Jane' }],
  });
});
afterAll(() => emulator.stop());

describe('attribute names outside the pool’s schema are refused (InvalidParameterException)', () => {
  it('AdminDeleteUserAttributes', async () => {
    for (const names of [['__proto__', 'constructor'], ...NOT_IN_SCHEMA.map((name) => [name])]) {
      const error = await rejection(
        cognito.adminDeleteUserAttributes({
          UserPoolId: poolId,
          Username: username,
          UserAttributeNames: names,
        }),
      );
      expect({ names, name: error.name, message: error.message }).toEqual({
        names,
        name: 'InvalidParameterException',
        message: `Attributes did not conform to the schema: ${names[0]}: Attribute does not exist in the schema.`,
      });
    }
    // Nothing was deleted along the way, and a schema attribute still can be.
    await cognito.adminDeleteUserAttributes({
      UserPoolId: poolId,
      Username: username,
      UserAttributeNames: ['name'],
    });
    const { UserAttributes } = await cognito.adminGetUser({ UserPoolId: poolId, Username: username });
    expect(UserAttributes?.map((a) => a.Name)).not.toContain('name');
    expect(UserAttributes?.map((a) => a.Name)).toContain('email');
  });

  it('ListUsers AttributesToGet', async () => {
    for (const name of NOT_IN_SCHEMA) {
      const error = await rejection(
        cognito.listUsers({ UserPoolId: poolId, AttributesToGet: ['email', name] }),
      );
      expect({ name, error: error.name, message: error.message }).toEqual({
        name,
        error: 'InvalidParameterException',
        message: 'One or more requested attributes do not exist.',
      });
    }
    const { Users } = await cognito.listUsers({ UserPoolId: poolId, AttributesToGet: ['email'] });
    expect(Users?.[0]?.Attributes).toEqual([{ Name: 'email', Value: username }]);
  });

  it('CreateUserPoolClient and UpdateUserPoolClient ReadAttributes / WriteAttributes', async () => {
    for (const name of NOT_IN_SCHEMA) {
      for (const kind of ['Read', 'Write'] as const) {
        const error = await rejection(
          cognito.createUserPoolClient({
            UserPoolId: poolId,
            ClientName: 'c',
            [`${kind}Attributes`]: ['email', name],
          }),
        );
        expect({ name, kind, error: error.name, message: error.message }).toEqual({
          name,
          kind,
          error: 'InvalidParameterException',
          message: `Invalid ${kind.toLowerCase()} attributes specified while creating a client`,
        });
      }
    }
    const { UserPoolClient } = await cognito.createUserPoolClient({
      UserPoolId: poolId,
      ClientName: 'c',
      ReadAttributes: ['email', 'email_verified', 'name'],
      WriteAttributes: ['email', 'name'],
    });
    const clientId = UserPoolClient!.ClientId!;
    const error = await rejection(
      cognito.updateUserPoolClient({
        UserPoolId: poolId,
        ClientId: clientId,
        WriteAttributes: ['__proto__'],
      }),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid write attributes specified while updating a client',
    });
    const { UserPoolClient: described } = await cognito.describeUserPoolClient({
      UserPoolId: poolId,
      ClientId: clientId,
    });
    expect(described?.WriteAttributes).toEqual(['email', 'name']);
  });
});
