import type { EmulatorContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import type { PreSignUpTriggerEvent, StringMap } from '../lambda/events.js';
import type { Pool } from './model.js';
import { runTrigger } from './triggers.js';

/** What the pre sign-up trigger decided for a new user (all false without a trigger). */
export interface SignUpDecision {
  confirm: boolean;
  verifyEmail: boolean;
  verifyPhone: boolean;
}

const NOTHING_DECIDED: SignUpDecision = { confirm: false, verifyEmail: false, verifyPhone: false };

/** A new user as the pre sign-up trigger is told of it. */
export interface SignUpCall {
  source: 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser';
  clientId?: string;
  /** The user name the user will have (its `sub` where email or phone is the user name). */
  userName: string;
  /** The attributes the user will have, `sub` left out (AWS sends the given ones). */
  attributes: StringMap;
  validationData?: StringMap;
  clientMetadata?: StringMap;
}

/**
 * Runs the pool's pre sign-up trigger before the user is stored, so that a failure (the
 * function's `UserLambdaValidationException`, "PreSignUp failed with error X.") leaves no user
 * behind. For SignUp the response may confirm the user and verify its email or phone; AdminCreateUser
 * ignores all three flags, as AWS documents. Only `true` counts: anything else is no.
 */
export async function preSignUp(ctx: EmulatorContext, pool: Pool, call: SignUpCall): Promise<SignUpDecision> {
  const response = await runTrigger<PreSignUpTriggerEvent>(ctx, pool, {
    triggerSource: call.source,
    userName: call.userName,
    clientId: call.clientId,
    request: {
      userAttributes: withoutSub(call.attributes),
      validationData: call.validationData,
      clientMetadata: call.clientMetadata,
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  });
  if (!response || call.source === 'PreSignUp_AdminCreateUser') return NOTHING_DECIDED;
  const decision = {
    confirm: response.autoConfirmUser === true,
    verifyEmail: response.autoVerifyEmail === true,
    verifyPhone: response.autoVerifyPhone === true,
  };
  assertVerifiable(decision, call.attributes);
  return decision;
}

/**
 * AWS: "If autoVerifyEmail is set to true, the email attribute must have a valid, non-null value.
 * Otherwise an error will occur and the user will not be able to complete sign-up" (same for the
 * phone number). The error's name is not documented; the emulator answers InvalidParameterException.
 */
function assertVerifiable(decision: SignUpDecision, attributes: StringMap): void {
  if (decision.verifyEmail && !attributes.email) {
    throw invalidParameter('PreSignUp set autoVerifyEmail, but the user has no email attribute.');
  }
  if (decision.verifyPhone && !attributes.phone_number) {
    throw invalidParameter('PreSignUp set autoVerifyPhone, but the user has no phone_number attribute.');
  }
}

/** The attributes as the event carries them: the user's `sub` is not given before it exists. */
function withoutSub(attributes: StringMap): StringMap {
  const { sub: _sub, ...rest } = attributes;
  return rest;
}

/**
 * Applies a decision to a new user's attributes: verified flags set where the trigger verified
 * them. Returns the status the user starts with.
 */
export function applySignUpDecision(
  decision: SignUpDecision,
  attributes: Record<string, string>,
): 'CONFIRMED' | 'UNCONFIRMED' {
  if (decision.verifyEmail) attributes.email_verified = 'true';
  if (decision.verifyPhone) attributes.phone_number_verified = 'true';
  return decision.confirm ? 'CONFIRMED' : 'UNCONFIRMED';
}
