import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import type { AuthStep } from './totp-sign-in.js';

interface Target {
  sdk: CognitoIdentityProvider;
  clientId: string;
  /** The last code sent to an address. */
  codeFor(email: string): string | null | undefined;
}

/**
 * A sign-in with a one-time code by email, as a user makes it: choice-based sign-in (USER_AUTH)
 * preferring EMAIL_OTP, then the code Cognito sent. The pool must allow EMAIL_OTP as a first
 * factor and the app client USER_AUTH (the testing pool's defaults do): otherwise a clear error.
 */
export async function signInWithEmailCode(target: Target, email: string): Promise<AuthStep> {
  const { sdk, clientId } = target;
  const challenge = await sdk.initiateAuth({
    ClientId: clientId,
    AuthFlow: 'USER_AUTH',
    AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
  });
  const code = challenge.ChallengeName === 'EMAIL_OTP' ? target.codeFor(email) : undefined;
  if (!code) {
    throw new Error(
      `Cognito answered ${challenge.ChallengeName ?? 'no challenge'} to ${email}'s EMAIL_OTP sign-in: the ` +
        `pool must allow EMAIL_OTP (Policies.SignInPolicy.AllowedFirstAuthFactors)`,
    );
  }
  return sdk.respondToAuthChallenge({
    ClientId: clientId,
    ChallengeName: 'EMAIL_OTP',
    Session: challenge.Session,
    ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code },
  });
}
