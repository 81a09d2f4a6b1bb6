import type {
  AuthenticationResultType,
  CodeDeliveryDetailsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoException } from '../errors/cognito.exception.js';
import type { AuthStep } from '../cognito/cognito-gateway.js';
import {
  AUTH_CHALLENGE_NAMES,
  type AuthChallenge,
  type AuthChallengeName,
  type AuthTokens,
  type CodeDelivery,
  FIRST_FACTORS,
  type FirstFactor,
  type MfaFactor,
  type PasskeyRequestOptions,
  type SignInResult,
} from './cognito-auth.types.js';

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
  if (step.ChallengeName) {
    return toChallenge(step.ChallengeName, step.Session, step.ChallengeParameters, step.AvailableChallenges);
  }
  return toTokens(step.AuthenticationResult);
}

const FACTOR_OF_CHALLENGE: Record<string, MfaFactor> = {
  SOFTWARE_TOKEN_MFA: 'TOTP',
  SMS_MFA: 'SMS',
  EMAIL_OTP: 'EMAIL',
};
const isAnswered = (name: string): name is AuthChallengeName =>
  (AUTH_CHALLENGE_NAMES as readonly string[]).includes(name);

/**
 * A challenge nest-cognito answers, from Cognito's parameters (and SELECT_CHALLENGE's
 * `AvailableChallenges`, which Cognito answers beside them); any other is 501.
 */
export function toChallenge(
  name: string,
  session: string | undefined,
  parameters: Record<string, string> | undefined,
  available?: string[],
): AuthChallenge {
  if (!isAnswered(name) || !session) {
    throw CognitoException.of(
      'UNSUPPORTED_CHALLENGE',
      `Cognito asked for the ${name} challenge, which nest-cognito does not answer.`,
    );
  }
  if (name === 'CUSTOM_CHALLENGE') {
    return { challenge: name, session, requiredAttributes: [], parameters: publicParametersOf(parameters) };
  }
  const challenge: AuthChallenge = {
    challenge: name,
    session,
    requiredAttributes: name === 'NEW_PASSWORD_REQUIRED' ? requiredAttributesOf(parameters) : [],
  };
  if (parameters?.CODE_DELIVERY_DESTINATION) challenge.destination = parameters.CODE_DELIVERY_DESTINATION;
  const factors = parameters?.MFAS_CAN_CHOOSE ?? parameters?.MFAS_CAN_SETUP;
  if (factors !== undefined) challenge.factors = factorsOf(factors);
  if (name === 'SELECT_CHALLENGE') challenge.choices = (available ?? []).filter(isFirstFactor);
  if (name === 'WEB_AUTHN') challenge.credentialRequestOptions = requestOptionsOf(parameters);
  return challenge;
}

/**
 * A custom challenge's parameters as the application's create trigger set them: without the
 * `USERNAME` Cognito adds (the internal user name, which callers do not need: they answer with the
 * email), and none of Cognito's other names read into the challenge's own fields.
 */
function publicParametersOf(parameters: Record<string, string> | undefined): Record<string, string> {
  const { USERNAME: _internal, ...rest } = parameters ?? {};
  return rest;
}

const isFirstFactor = (name: string): name is FirstFactor =>
  (FIRST_FACTORS as readonly string[]).includes(name);

/**
 * The WEB_AUTHN challenge's CREDENTIAL_REQUEST_OPTIONS (a JSON text) as the object a browser takes;
 * 502 when Cognito sent none, or not an object with a challenge.
 */
function requestOptionsOf(parameters: Record<string, string> | undefined): PasskeyRequestOptions {
  const options = parseJson(parameters?.CREDENTIAL_REQUEST_OPTIONS);
  if (!isRecord(options) || typeof options.challenge !== 'string') {
    throw CognitoException.of('COGNITO_ERROR', 'Cognito sent a passkey challenge without its options.');
  }
  return options as PasskeyRequestOptions;
}

/** A JSON text parsed; undefined for none, or for text that is not JSON. */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A plain JSON object (not an array, not null). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `["SOFTWARE_TOKEN_MFA","SMS_MFA"]` (a JSON list of challenge names) as factors. */
function factorsOf(json: string): MfaFactor[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((name) => {
      const factor = typeof name === 'string' ? factorOf(name) : undefined;
      return factor ? [factor] : [];
    });
  } catch {
    return [];
  }
}

/** The challenge name of a factor: what SELECT_MFA_TYPE's ANSWER and the preferences speak. */
export const CHALLENGE_OF_FACTOR: Record<MfaFactor, 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP'> = {
  TOTP: 'SOFTWARE_TOKEN_MFA',
  SMS: 'SMS_MFA',
  EMAIL: 'EMAIL_OTP',
};

/** A factor from its challenge (or MFA setting) name; undefined for any other. */
export const factorOf = (name: string): MfaFactor | undefined =>
  Object.hasOwn(FACTOR_OF_CHALLENGE, name) ? FACTOR_OF_CHALLENGE[name] : undefined;

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
