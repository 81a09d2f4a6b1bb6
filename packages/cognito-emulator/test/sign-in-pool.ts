import type {
  CognitoIdentityProvider,
  LambdaConfigType,
  SignInPolicyType,
} from '@aws-sdk/client-cognito-identity-provider';
import { PASSWORD } from './helpers.js';

// The pools, clients and users the sign-in tests share (custom authentication, USER_AUTH, the
// authentication triggers), created through the AWS SDK as an application would.

export interface SignInPoolOptions {
  /** The client's `ExplicitAuthFlows`. */
  flows: string[];
  lambdaConfig?: LambdaConfigType;
  /** The pool's `AllowedFirstAuthFactors` (USER_AUTH); none: the pool's default policy. */
  firstFactors?: SignInPolicyType['AllowedFirstAuthFactors'];
  /** Whether the pool verifies emails itself (`AutoVerifiedAttributes: ['email']`). */
  autoVerifyEmail?: boolean;
  secret?: boolean;
  prevent?: 'ENABLED' | 'LEGACY';
  /** Devices tracked, a challenge asked of new devices only, every device remembered. */
  tracksDevices?: boolean;
}

/** A pool whose users sign in with their email (`UsernameAttributes: ['email']`), and one client. */
export async function signInPool(cognito: CognitoIdentityProvider, name: string, options: SignInPoolOptions) {
  const { UserPool } = await cognito.createUserPool({
    PoolName: name,
    UsernameAttributes: ['email'],
    ...(options.autoVerifyEmail ? { AutoVerifiedAttributes: ['email'] } : {}),
    ...(options.lambdaConfig ? { LambdaConfig: options.lambdaConfig } : {}),
    ...(options.firstFactors
      ? { Policies: { SignInPolicy: { AllowedFirstAuthFactors: options.firstFactors } } }
      : {}),
    ...(options.tracksDevices
      ? {
          DeviceConfiguration: {
            ChallengeRequiredOnNewDevice: true,
            DeviceOnlyRememberedOnUserPrompt: false,
          },
        }
      : {}),
  });
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.createUserPoolClient({
    UserPoolId: poolId,
    ClientName: 'app',
    GenerateSecret: options.secret ?? false,
    ExplicitAuthFlows: options.flows as never,
    PreventUserExistenceErrors: options.prevent ?? 'ENABLED',
  });
  return { poolId, clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
}

/**
 * A confirmed user named by its email, with `PASSWORD` and the given attributes (the email
 * included); no invitation is sent. Answers its internal user name (its `sub`).
 */
export async function passwordUser(
  cognito: CognitoIdentityProvider,
  poolId: string,
  email: string,
  attributes: Record<string, string>,
): Promise<string> {
  const { User } = await cognito.adminCreateUser({
    UserPoolId: poolId,
    Username: email,
    MessageAction: 'SUPPRESS',
    UserAttributes: Object.entries({ email, ...attributes }).map(([Name, Value]) => ({ Name, Value })),
  });
  await cognito.adminSetUserPassword({
    UserPoolId: poolId,
    Username: email,
    Password: PASSWORD,
    Permanent: true,
  });
  return User!.Username!;
}

/** The SMS settings of a pool that sends codes by SMS (never used: messages go to the outbox). */
export const SMS_CONFIGURATION = {
  SnsCallerArn: 'arn:aws:iam::000000000000:role/sns-caller',
  ExternalId: 'x',
};

/**
 * SMS codes as the second factor: the pool's MFA OPTIONAL with SMS (the given message, if any),
 * and the user given a verified phone and SMS as its preferred factor.
 */
export async function smsMfaUser(
  cognito: CognitoIdentityProvider,
  poolId: string,
  user: { email: string; phone: string },
  message?: string,
): Promise<void> {
  await cognito.setUserPoolMfaConfig({
    UserPoolId: poolId,
    MfaConfiguration: 'OPTIONAL',
    SmsMfaConfiguration: {
      ...(message ? { SmsAuthenticationMessage: message } : {}),
      SmsConfiguration: SMS_CONFIGURATION,
    },
  });
  await cognito.adminUpdateUserAttributes({
    UserPoolId: poolId,
    Username: user.email,
    UserAttributes: [
      { Name: 'phone_number', Value: user.phone },
      { Name: 'phone_number_verified', Value: 'true' },
    ],
  });
  await cognito.adminSetUserMFAPreference({
    UserPoolId: poolId,
    Username: user.email,
    SMSMfaSettings: { Enabled: true, PreferredMfa: true },
  });
}
