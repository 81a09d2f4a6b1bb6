import type {
  AuthenticationResultType,
  CognitoIdentityProvider,
} from '@aws-sdk/client-cognito-identity-provider';
import { totp } from './totp.js';

/** What a sign-in step answers: tokens, or a challenge with its session. */
export interface AuthStep {
  ChallengeName?: string;
  Session?: string;
  AuthenticationResult?: AuthenticationResultType;
}

interface Target {
  sdk: CognitoIdentityProvider;
  clientId: string;
}

/** The tokens of a step; a clear error when Cognito asked for a challenge instead. */
export function tokensOf(step: AuthStep, email: string): AuthenticationResultType {
  if (step.AuthenticationResult?.AccessToken) return step.AuthenticationResult;
  throw new Error(
    `Cognito asked ${email} for ${step.ChallengeName ?? 'nothing it answers'}: where the pool requires ` +
      `MFA, sign in with mfa: 'totp'`,
  );
}

/**
 * A sign-in through an authenticator app, as a user makes it. Where the pool requires MFA, the
 * first sign-in answers MFA_SETUP: the app is set up and verified with its session, and that
 * answers the challenge. Elsewhere the user signs in, sets the app up with the access token,
 * prefers it, and signs in again through SOFTWARE_TOKEN_MFA. The setup spends the previous step's
 * code; a sign-in through the challenge the current one's.
 */
export async function signInWithTotp(
  target: Target,
  email: string,
  signIn: () => Promise<AuthStep>,
): Promise<{ tokens: AuthenticationResultType; totpSecret: string }> {
  const { sdk, clientId } = target;
  const first = await signIn();
  if (first.ChallengeName === 'MFA_SETUP') {
    const { SecretCode, Session } = await sdk.associateSoftwareToken({ Session: first.Session });
    const verified = await verifyApp(sdk, SecretCode!, { Session });
    const answer = await sdk.respondToAuthChallenge({
      ClientId: clientId,
      ChallengeName: 'MFA_SETUP',
      Session: verified.Session,
      ChallengeResponses: { USERNAME: email },
    });
    return { tokens: tokensOf(answer, email), totpSecret: SecretCode! };
  }
  const { AccessToken } = tokensOf(first, email);
  const { SecretCode } = await sdk.associateSoftwareToken({ AccessToken });
  await verifyApp(sdk, SecretCode!, { AccessToken });
  await sdk.setUserMFAPreference({
    AccessToken,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
  const challenge = await signIn();
  if (challenge.ChallengeName !== 'SOFTWARE_TOKEN_MFA') {
    throw new Error(
      `Cognito did not ask ${email} for the app's code (${challenge.ChallengeName ?? 'tokens'}): ` +
        'the pool needs MFA OPTIONAL or ON with authenticator apps',
    );
  }
  const answer = await sdk.respondToAuthChallenge({
    ClientId: clientId,
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    Session: challenge.Session,
    ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: totp(SecretCode!) },
  });
  return { tokens: tokensOf(answer, email), totpSecret: SecretCode! };
}

/**
 * VerifySoftwareToken with the previous step's code (within Cognito's drift), which leaves the
 * current one for the sign-in. Should the step turn between the code and Cognito's check, the
 * code is out of the drift: once more, with the code of the step before the new one.
 */
async function verifyApp(
  sdk: CognitoIdentityProvider,
  secret: string,
  subject: { AccessToken?: string; Session?: string },
): Promise<{ Session?: string }> {
  const verify = () => sdk.verifySoftwareToken({ ...subject, UserCode: totp(secret, Date.now() - 30_000) });
  return verify().catch((error: unknown) => {
    if ((error as { name?: unknown })?.name !== 'EnableSoftwareTokenMFAException') throw error;
    return verify();
  });
}
