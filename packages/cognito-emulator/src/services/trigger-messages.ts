import type { EmulatorContext } from '../context.js';
import type {
  CustomEmailSenderTriggerEvent,
  CustomMessageTriggerEvent,
  CustomSMSSenderTriggerEvent,
  StringMap,
} from '../lambda/events.js';
import type { Pool, User } from './model.js';
import { eventAttributes } from './trigger-attributes.js';
import { runTrigger, triggerOf } from './triggers.js';

/**
 * The custom message and custom sender triggers: what the pool's functions make of a message the
 * emulator is about to send (a code, an invitation's temporary password).
 */

/** Why a message goes out: the situation the triggers' sources name (`CustomMessage_SignUp`, ...). */
export type MessageSituation =
  | 'SignUp'
  | 'AdminCreateUser'
  | 'ResendCode'
  | 'ForgotPassword'
  | 'UpdateUserAttribute'
  | 'VerifyUserAttribute'
  | 'Authentication';

/** The call a message comes from, as the triggers are told of it. */
export interface MessageCall {
  situation: MessageSituation;
  /** The app client of the call; none for administrators' operations. */
  clientId?: string;
  clientMetadata?: StringMap;
}

export type Medium = 'EMAIL' | 'SMS';

/** The placeholders the custom message trigger is given, which Cognito fills in its answer. */
export const CODE_PARAMETER = '{####}';
export const USERNAME_PARAMETER = '{username}';
/** Where a confirmation link would go; the emulator confirms by code only and leaves it as written. */
export const LINK_PARAMETER = '{##Click Here##}';

/** What a custom message function chose for each medium; absent where the template stays. */
export interface CustomText {
  email?: { subject?: string; body?: string };
  sms?: string;
}

/**
 * Runs the pool's custom message trigger, if any, for a message to be sent. Its answer replaces
 * the template's text per medium, where it is usable: AWS requires each message to contain
 * `codeParameter` (and `usernameParameter` for an invitation, which must tell both); a message
 * without it is not sent as written, and Cognito sends the template's text instead. A subject
 * is taken wherever it is a non-empty string.
 */
export async function customMessage(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  call: MessageCall,
): Promise<CustomText | undefined> {
  const invitation = call.situation === 'AdminCreateUser';
  const response = await runTrigger<CustomMessageTriggerEvent>(ctx, pool, {
    triggerSource: `CustomMessage_${call.situation}`,
    userName: user.username,
    clientId: call.clientId,
    request: {
      userAttributes: eventAttributes(user),
      codeParameter: CODE_PARAMETER,
      linkParameter: LINK_PARAMETER,
      usernameParameter: invitation ? USERNAME_PARAMETER : null,
      clientMetadata: call.clientMetadata,
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });
  if (!response) return undefined;
  const usable = (text: unknown): text is string =>
    typeof text === 'string' &&
    text.includes(CODE_PARAMETER) &&
    (!invitation || text.includes(USERNAME_PARAMETER));
  const subject = response.emailSubject;
  return {
    email: {
      ...(usable(response.emailMessage) ? { body: response.emailMessage } : {}),
      ...(typeof subject === 'string' && subject !== '' ? { subject } : {}),
    },
    ...(usable(response.smsMessage) ? { sms: response.smsMessage } : {}),
  };
}

/** The custom sender trigger that delivers a medium's messages in this pool, if any. */
export function customSenderOf(
  pool: Pool,
  medium: Medium,
): 'CustomEmailSender' | 'CustomSMSSender' | undefined {
  const trigger = medium === 'EMAIL' ? 'CustomEmailSender' : 'CustomSMSSender';
  return triggerOf(pool, trigger) ? trigger : undefined;
}

/**
 * Hands a message's code (or temporary password) to the pool's custom sender of its medium. On
 * AWS the code arrives encrypted with the pool's KMS key (`KMSKeyID`), for the function to decrypt
 * with the AWS Encryption SDK; the emulator, which has no KMS, hands it over as plain text. AWS
 * invokes custom senders asynchronously: their failure does not fail the operation. The emulator
 * waits for the function (so that what it did is done when the call answers) and then, as AWS,
 * goes on whatever it answered; the invocation record shows any failure.
 */
export async function handToSender(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  medium: Medium,
  code: string,
  call: MessageCall,
): Promise<void> {
  const request = {
    code,
    userAttributes: eventAttributes(user),
    clientMetadata: call.clientMetadata,
  };
  const common = {
    userName: user.username,
    clientId: call.clientId,
    response: {},
  };
  const sent =
    medium === 'EMAIL'
      ? runTrigger<CustomEmailSenderTriggerEvent>(ctx, pool, {
          ...common,
          triggerSource: `CustomEmailSender_${call.situation}`,
          request: { type: 'customEmailSenderRequestV1', ...request },
        })
      : runTrigger<CustomSMSSenderTriggerEvent>(ctx, pool, {
          ...common,
          triggerSource: `CustomSMSSender_${call.situation}`,
          request: { type: 'customSMSSenderRequestV1', ...request },
        });
  await sent.catch(() => undefined);
}
