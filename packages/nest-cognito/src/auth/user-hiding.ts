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

const wrongCode = (): never => {
  throw CognitoException.of(
    'CODE_MISMATCH',
    'Invalid verification code provided, please try again.',
    'CodeMismatchException',
  );
};

/** Confirmations: without a user there is no code to match; an unknown user is said as a wrong code. */
export const unknownUserAsWrongCode: Rescue<never> = (failure) =>
  failure.name === 'UserNotFoundException' ? wrongCode() : undefined;

/**
 * Cognito's answers about an account that has nothing to confirm: "User cannot be confirmed.
 * Current status is CONFIRMED" (ConfirmSignUp), "User is already confirmed." (ResendConfirmationCode),
 * "User is disabled.". Never a misconfiguration (a secret-hash error names the client, not the user).
 */
const isNothingToConfirm = ({ name, message }: CognitoFailure): boolean =>
  (name === 'NotAuthorizedException' &&
    /cannot be confirmed|Current status is|User is disabled/i.test(message)) ||
  (name === 'InvalidParameterException' && /already confirmed/i.test(message));

/**
 * Confirming a sign-up: an unknown account and one that is already confirmed (or disabled, or
 * created by an administrator) fail as a wrong code does (400 `CODE_MISMATCH`, the same message):
 * any code is wrong for an account that has none to confirm.
 */
export const unconfirmableAsWrongCode: Rescue<never> = (failure) =>
  failure.name === 'UserNotFoundException' || isNothingToConfirm(failure) ? wrongCode() : undefined;

/**
 * Resending a confirmation code: an unknown account, and one that has nothing to confirm (already
 * confirmed, disabled, created by an administrator), are answered as one the pool sends nothing to
 * (null): the answer is the same 202 whatever the email.
 */
export const unconfirmableAsNoDelivery = (failure: CognitoFailure): null | undefined =>
  failure.name === 'UserNotFoundException' || isNothingToConfirm(failure) ? null : undefined;

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
