import type { EmulatorContext } from '../context.js';
import type { PostConfirmationTriggerEvent, StringMap } from '../lambda/events.js';
import type { Pool, User } from './model.js';
import { eventAttributes } from './trigger-attributes.js';
import { runTrigger } from './triggers.js';

/** Where a confirmation came from, as the post confirmation trigger is told. */
export interface ConfirmationCall {
  source: PostConfirmationTriggerEvent['triggerSource'];
  /** The app client of the call; none for AdminConfirmSignUp. */
  clientId?: string;
  clientMetadata?: StringMap;
}

/**
 * Runs the pool's post confirmation trigger once a user is confirmed (ConfirmSignUp,
 * AdminConfirmSignUp, a SignUp the pre sign-up trigger confirmed) or has reset its password
 * (ConfirmForgotPassword). Called after the change is saved: when the function fails, the caller
 * gets `UserLambdaValidationException` ("PostConfirmation failed with error X.") and the change
 * stays, as on AWS, where the confirmation is not undone (the code is spent, the user confirmed).
 */
export async function postConfirmation(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  call: ConfirmationCall,
): Promise<void> {
  await runTrigger<PostConfirmationTriggerEvent>(ctx, pool, {
    triggerSource: call.source,
    userName: user.username,
    clientId: call.clientId,
    request: {
      userAttributes: eventAttributes(user),
      clientMetadata: call.clientMetadata,
    },
    response: {},
  });
}
