import {
  GetUserAuthFactorsCommand,
  type GetUserAuthFactorsResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { Injectable } from '@nestjs/common';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import { toSignInResult } from '../auth-results.js';
import {
  AUTH_FACTORS,
  type AuthFactor,
  type PasswordlessOptions,
  type SignInResult,
  type UserAuthFactors,
} from '../cognito-auth.types.js';
import { unknownUserAsWrongPassword } from '../user-hiding.js';
import { toPreferences } from './mfa.flow.js';

/**
 * Choice-based sign-in (Cognito's `USER_AUTH`) started without a password: a one-time code by
 * email or SMS, or a passkey, as the pool's sign-in policy allows; and the factors a user has.
 * Its challenges are answered by `SignInFlow.respondToChallenge`, as every other.
 */
@Injectable()
export class PasswordlessFlow {
  constructor(private readonly cognito: CognitoGateway) {}

  /**
   * InitiateAuth (AdminInitiateAuth with the admin flow) with USER_AUTH and the preferred factor:
   * its challenge (a code sent, or a passkey's request options), or SELECT_CHALLENGE with the
   * choices when there is no preference or Cognito cannot start it for this user.
   */
  async start(email: string, options: PasswordlessOptions = {}): Promise<SignInResult> {
    const step = await this.cognito.initiateAuth(
      'choice',
      {
        USERNAME: email,
        ...(options.factor ? { PREFERRED_CHALLENGE: options.factor } : {}),
        ...this.cognito.secretHashParameter(email),
      },
      unknownUserAsWrongPassword,
      options.clientMetadata,
    );
    return toSignInResult(step);
  }

  /** The signed-in user's factors (GetUserAuthFactors). */
  async factors(accessToken: string): Promise<UserAuthFactors> {
    const output = await this.cognito.call((client) =>
      client.send(new GetUserAuthFactorsCommand({ AccessToken: accessToken })),
    );
    return toAuthFactors(output);
  }
}

const isAuthFactor = (name: string): name is AuthFactor => (AUTH_FACTORS as readonly string[]).includes(name);

/** GetUserAuthFactors' (or AdminGetUserAuthFactors') answer as `UserAuthFactors`. */
export function toAuthFactors(output: GetUserAuthFactorsResponse): UserAuthFactors {
  return {
    username: output.Username ?? '',
    factors: (output.ConfiguredUserAuthFactors ?? []).filter(isAuthFactor),
    mfa: toPreferences(output.UserMFASettingList, output.PreferredMfaSetting),
  };
}
