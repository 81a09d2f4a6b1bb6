import { CognitoException } from '../errors/cognito.exception.js';
import type { CognitoFailure, Rescue } from '../cognito/cognito-call.js';

/**
 * How the user flows keep Cognito's answers from telling who has an account: each function is a
 * `Rescue` for `callCognito`, replacing the answers that would reveal a user with those of a
 * stranger (or a wrong code, or a wrong password), and leaving the rest to the error table.
 */

/** Sign-in: an unknown email fails as a wrong password does (401), whatever the client's setting. */
export const unknownUserAsWrongPassword: Rescue<never> = (failure) => {
  if (failure.name !== 'UserNotFoundException') return undefined;
  throw CognitoException.of('NOT_AUTHORIZED', 'Incorrect username or password.', 'NotAuthorizedException');
};

/** Confirmations: without a user there is no code to match; an unknown user is said as a wrong code. */
export const unknownUserAsWrongCode: Rescue<never> = (failure) => {
  if (failure.name !== 'UserNotFoundException') return undefined;
  throw CognitoException.of(
    'CODE_MISMATCH',
    'Invalid verification code provided, please try again.',
    'CodeMismatchException',
  );
};

/** Resending a code: an unknown user is answered as one the pool sends nothing to (null). */
export const unknownUserAsNoDelivery = (failure: CognitoFailure): null | undefined =>
  failure.name === 'UserNotFoundException' ? null : undefined;

/**
 * The answers to ForgotPassword that would tell whether (and how) an account exists: none, without
 * a verified email, or disabled. They are answered as a success (`true`); the rest fail.
 */
export const revealingAnswerAsSuccess: Rescue<true> = (failure: CognitoFailure) => {
  const { name, message } = failure;
  const reveals =
    name === 'UserNotFoundException' ||
    (name === 'InvalidParameterException' &&
      /no registered\/verified email|Cannot reset password/i.test(message)) ||
    (name === 'NotAuthorizedException' && /disabled/i.test(message));
  return reveals ? true : undefined;
};

/**
 * Refresh: a wrong user name shows as a secret-hash mismatch, the caller's mistake rather than the
 * server's misconfiguration: 401, as for a bad refresh token.
 */
export const wrongUsernameAsBadRefresh: Rescue<never> = (failure) => {
  if (failure.name !== 'NotAuthorizedException' || !/secret hash/i.test(failure.message)) return undefined;
  throw CognitoException.of(
    'NOT_AUTHORIZED',
    'The refresh token or the username is not valid.',
    'NotAuthorizedException',
  );
};
