import { Injectable } from '@nestjs/common';
import { CognitoGateway } from '../../cognito/cognito-gateway.js';
import type { Rescue } from '../../cognito/cognito-call.js';
import { CognitoException } from '../../errors/cognito.exception.js';
import { toSignInResult } from '../auth-results.js';
import type { CustomChallengeOptions, SignInResult } from '../cognito-auth.types.js';
import { unknownUserAsWrongPassword } from '../user-hiding.js';

/**
 * Custom authentication (Cognito's `CUSTOM_AUTH`): the pool's define auth challenge trigger leads
 * the sign-in, its create trigger makes each CUSTOM_CHALLENGE (a code by email, a magic link, a
 * question) and its verify trigger judges each answer. Its challenges are answered by
 * `SignInFlow.respondToChallenge`, as every other.
 */
@Injectable()
export class CustomAuthFlow {
  constructor(private readonly cognito: CognitoGateway) {}

  /**
   * InitiateAuth (AdminInitiateAuth with the admin flow) with CUSTOM_AUTH: the first
   * CUSTOM_CHALLENGE, or tokens when the define trigger issues them at once.
   */
  async start(email: string, options: CustomChallengeOptions = {}): Promise<SignInResult> {
    const step = await this.cognito.initiateAuth(
      'custom',
      { USERNAME: email, ...this.cognito.secretHashParameter(email) },
      customAuthRescue,
      options.clientMetadata,
    );
    return toSignInResult(step);
  }
}

/**
 * Cognito's answer when the pool lacks a trigger custom authentication needs ("Custom auth lambda
 * trigger is not configured for the user pool."): an InvalidParameterException, but the server's
 * pool is at fault, never the caller: 502 `POOL_MISCONFIGURED`.
 */
export const missingTriggerAsPoolMisconfigured: Rescue<never> = (failure) => {
  if (
    failure.name !== 'InvalidParameterException' ||
    !/lambda trigger is not configured/i.test(failure.message)
  )
    return undefined;
  throw CognitoException.of(
    'POOL_MISCONFIGURED',
    'The user pool has no custom authentication triggers (define, create and verify auth challenge).',
    failure.name,
  );
};

/** Custom authentication's start: a pool without its triggers, and an unknown email (as a wrong answer). */
const customAuthRescue: Rescue<never> = (failure) =>
  missingTriggerAsPoolMisconfigured(failure) ?? unknownUserAsWrongPassword(failure);
