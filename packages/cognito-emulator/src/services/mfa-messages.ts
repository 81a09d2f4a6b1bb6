import type { EmulatorContext } from '../context.js';
import type { StringMap } from '../lambda/events.js';
import { maskDestination } from '../store/outbox.js';
import { type Draft, sendMessages } from './delivery.js';
import {
  DEFAULT_EMAIL_MFA_MESSAGE,
  DEFAULT_EMAIL_MFA_SUBJECT,
  DEFAULT_SMS_AUTHENTICATION_MESSAGE,
  mfaFactorsOf,
} from './mfa-config.js';
import type { Pool, User } from './model.js';
import type { Medium } from './trigger-messages.js';

/**
 * The codes a sign-in sends (SMS_MFA and EMAIL_OTP as a second factor; EMAIL_OTP and SMS_OTP as
 * USER_AUTH's first): one template, the pool's MFA message, and AWS's `Authentication` trigger
 * sources (`CustomMessage_Authentication`, `CustomEmailSender_Authentication`,
 * `CustomSMSSender_Authentication`) for both.
 */

/** The sign-in a code is sent for, as the triggers are told of it. */
export interface SignInCodeCall {
  clientId: string;
  /**
   * RespondToAuthChallenge's metadata, where an answer is what sends the code; InitiateAuth's is
   * never given to the custom message or sender triggers (AWS's ClientMetadata documentation).
   */
  clientMetadata?: StringMap | undefined;
}

/**
 * Sends a sign-in code to the user's email or phone: the pool's MFA template, which the custom
 * message trigger may rewrite, or the medium's custom sender. A failure of the custom message
 * trigger rejects (`UserLambdaValidationException`) before anything is recorded, and the sign-in
 * fails with it. Answers where the code went, masked.
 */
export async function sendSignInCode(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  medium: Medium,
  code: string,
  call: SignInCodeCall,
): Promise<string> {
  const to = (medium === 'SMS' ? user.attributes.phone_number : user.attributes.email) ?? '';
  await sendMessages(
    ctx,
    pool,
    user,
    'MFA',
    [signInCodeDraft(pool, medium, to)],
    { code, username: user.username },
    { situation: 'Authentication', clientId: call.clientId, clientMetadata: call.clientMetadata },
  );
  return maskDestination(to);
}

/** A sign-in code's message as the pool's templates write it (AWS's defaults where it has none). */
function signInCodeDraft(pool: Pool, medium: Medium, to: string): Draft {
  const factors = mfaFactorsOf(pool);
  if (medium === 'EMAIL') {
    return {
      to,
      medium,
      subject: factors.email?.Subject ?? DEFAULT_EMAIL_MFA_SUBJECT,
      body: factors.email?.Message ?? DEFAULT_EMAIL_MFA_MESSAGE,
    };
  }
  const poolMessage = pool.config.SmsAuthenticationMessage;
  const body =
    factors.sms?.SmsAuthenticationMessage ??
    (typeof poolMessage === 'string' ? poolMessage : DEFAULT_SMS_AUTHENTICATION_MESSAGE);
  return { to, medium, subject: null, body };
}
