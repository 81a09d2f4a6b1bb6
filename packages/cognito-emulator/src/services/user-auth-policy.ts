import type { SignInPolicyType, UserPoolTierType } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, invalidParameter } from '../errors.js';
import type { Rule } from '../validation.js';
import type { Pool } from './model.js';

/** A factor a user may start a choice-based sign-in (USER_AUTH) with, as `AllowedFirstAuthFactors` names it. */
export type FirstFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';
export const FIRST_FACTORS: readonly FirstFactor[] = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

/** What a pool allows when it was given no `SignInPolicy` (and what pools stored before it allow). */
export const DEFAULT_FIRST_FACTORS: readonly FirstFactor[] = ['PASSWORD'];

/** `Policies.SignInPolicy` of CreateUserPool and UpdateUserPool, as the API model constrains it. */
export const SIGN_IN_POLICY: Rule = {
  type: 'structure',
  members: {
    AllowedFirstAuthFactors: { type: 'list', min: 1, max: 4, item: { type: 'string', enum: FIRST_FACTORS } },
  },
};

/**
 * The stored `SignInPolicy` of a pool from CreateUserPool's or UpdateUserPool's input: the factors
 * given, each once, or `["PASSWORD"]`. Passwords cannot be left out (AWS keeps them as the way back
 * into every account), and the passwordless factors need a feature plan above Lite.
 */
export function signInPolicyFromInput(
  given: SignInPolicyType | undefined,
  tier: UserPoolTierType | undefined,
): { AllowedFirstAuthFactors: FirstFactor[] } {
  const listed: readonly string[] = given?.AllowedFirstAuthFactors ?? DEFAULT_FIRST_FACTORS;
  const factors = FIRST_FACTORS.filter((factor) => listed.includes(factor));
  if (!factors.includes('PASSWORD')) {
    throw invalidParameter('The PASSWORD factor must be included in AllowedFirstAuthFactors.');
  }
  if (tier === 'LITE' && factors.length > 1) {
    throw new CognitoError(
      'FeatureUnavailableInTierException',
      'Choice-based sign-in with passwordless factors is not available in the Lite tier of Amazon Cognito user pools.',
    );
  }
  return { AllowedFirstAuthFactors: factors };
}

/** The first factors a pool allows in choice-based sign-in. */
export function allowedFirstFactors(pool: Pool): readonly FirstFactor[] {
  const policy = pool.config.Policies.SignInPolicy as { AllowedFirstAuthFactors?: FirstFactor[] } | undefined;
  return policy?.AllowedFirstAuthFactors ?? DEFAULT_FIRST_FACTORS;
}
