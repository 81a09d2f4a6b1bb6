import type {
  AuthenticationResultType,
  CodeDeliveryDetailsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoException } from '../errors/cognito.exception.js';
import type { AuthStep } from '../cognito/cognito-gateway.js';
import type { AuthChallenge, AuthTokens, CodeDelivery, SignInResult } from './cognito-auth.types.js';

/** Tokens from Cognito's `AuthenticationResult`; 502 when it has none (or no refresh token, when due). */
export function toTokens(result: AuthenticationResultType | undefined, withRefresh = true): AuthTokens {
  if (!result?.AccessToken || !result.IdToken || (withRefresh && !result.RefreshToken)) {
    throw CognitoException.of('COGNITO_ERROR', 'Cognito returned no tokens.');
  }
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    refreshToken: result.RefreshToken ?? '',
    expiresIn: result.ExpiresIn ?? 3600,
    tokenType: 'Bearer',
  };
}

/** What a first authentication step gives: tokens, or a challenge nest-cognito answers. */
export function toSignInResult(step: AuthStep): SignInResult {
  if (step.ChallengeName) return toChallenge(step.ChallengeName, step.Session, step.ChallengeParameters);
  return toTokens(step.AuthenticationResult);
}

/** The one challenge nest-cognito answers (`NEW_PASSWORD_REQUIRED`); any other is 501. */
export function toChallenge(
  name: string,
  session: string | undefined,
  parameters: Record<string, string> | undefined,
): AuthChallenge {
  if (name !== 'NEW_PASSWORD_REQUIRED' || !session) {
    throw CognitoException.of(
      'UNSUPPORTED_CHALLENGE',
      `Cognito asked for the ${name} challenge, which nest-cognito does not answer.`,
    );
  }
  return {
    challenge: 'NEW_PASSWORD_REQUIRED',
    session,
    requiredAttributes: requiredAttributesOf(parameters),
  };
}

function requiredAttributesOf(parameters: Record<string, string> | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(parameters?.requiredAttributes ?? '[]');
    return Array.isArray(parsed) ? parsed.map((a) => String(a).replace(/^userAttributes\./, '')) : [];
  } catch {
    return [];
  }
}

/** Where Cognito sent a code; null when it sent none. */
export function toDelivery(details: CodeDeliveryDetailsType | undefined): CodeDelivery | null {
  if (!details?.Destination) return null;
  return {
    destination: details.Destination,
    medium: (details.DeliveryMedium ?? 'EMAIL') as CodeDelivery['medium'],
    attribute: details.AttributeName ?? 'email',
  };
}

/** Every delivery of a list, those without a destination left out. */
export const toDeliveries = (list: CodeDeliveryDetailsType[] | undefined): CodeDelivery[] =>
  (list ?? []).map(toDelivery).filter((d): d is CodeDelivery => d !== null);
