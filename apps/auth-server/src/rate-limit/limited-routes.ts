import type { ExecutionContext } from '@nestjs/common';
import { CognitoAuthController } from 'nest-cognito/rest';

/**
 * The routes an attacker would hammer: credentials, codes and tokens are guessed or sprayed
 * there, and each costs a Cognito call (and an email, for sign-up, resend and forgot-password;
 * an SMS or email code, for a sign-in that answers SMS_MFA or EMAIL_OTP, and for a passwordless
 * start or the choice of a code factor).
 */
const LIMITED_HANDLERS = new Set<string>([
  'signUp',
  'confirmSignUp',
  'resendConfirmationCode',
  'signIn',
  'signInWithoutPassword',
  'signInWithCustomChallenge',
  'respondToChallenge',
  'totpSetupAtSignIn',
  'verifyTotp',
  'refresh',
  'forgotPassword',
  'confirmForgotPassword',
  'changePassword',
  'verifyAttribute',
]);

/** Whether a request goes to a rate-limited route. */
export function isLimitedRoute(context: ExecutionContext): boolean {
  return (
    context.getType() === 'http' &&
    context.getClass() === CognitoAuthController &&
    LIMITED_HANDLERS.has(context.getHandler().name)
  );
}

/**
 * The account a request is about: the email in the body (or the user name, on refresh), folded
 * to lower case as the pool folds it. Read before validation: anything else is no account.
 */
export function accountOf(request: { body?: unknown }): string | undefined {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { email, username } = body as { email?: unknown; username?: unknown };
  const account = typeof email === 'string' ? email : typeof username === 'string' ? username : undefined;
  const folded = account?.trim().toLowerCase();
  return folded ? folded : undefined;
}
