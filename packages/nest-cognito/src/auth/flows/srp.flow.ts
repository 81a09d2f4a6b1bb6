import { Injectable } from '@nestjs/common';
import { type AuthStep, CognitoGateway } from '../../cognito/cognito-gateway.js';
import { CognitoException } from '../../errors/cognito.exception.js';
import {
  passwordVerifierResponses,
  type PasswordVerifierParameters,
  srpA,
  srpClientKeys,
  SrpError,
} from '../../srp/index.js';
import { unknownUserAsWrongPassword } from '../user-hiding.js';

/**
 * Sign-in with Secure Remote Password (USER_SRP_AUTH), run whole on the server: `InitiateAuth`
 * with SRP_A, then the answer to PASSWORD_VERIFIER computed from the password, which never
 * leaves this process. What an app client made in the AWS console allows by default.
 */
@Injectable()
export class SrpFlow {
  constructor(private readonly cognito: CognitoGateway) {}

  /**
   * Both round trips of USER_SRP_AUTH for `username` (an email where it is the sign-in name), with
   * the `deviceKey` of a remembered device when given; answers the step after PASSWORD_VERIFIER
   * (tokens or the next challenge) and the user id Cognito named. A wrong password and an unknown
   * user fail alike (401 `NOT_AUTHORIZED`). `clientMetadata` goes with both requests (to the pre
   * authentication trigger, then to those the answer runs).
   */
  async signIn(
    username: string,
    password: string,
    deviceKey?: string,
    clientMetadata?: Record<string, string>,
  ): Promise<{ step: AuthStep; userId: string }> {
    const keys = srpClientKeys();
    const step = await this.cognito.initiateAuth(
      'srp',
      {
        USERNAME: username,
        SRP_A: srpA(keys),
        ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
        ...this.cognito.secretHashParameter(username),
      },
      unknownUserAsWrongPassword,
      clientMetadata,
    );
    return this.prove(step, username, password, keys, { deviceKey, clientMetadata });
  }

  /**
   * SELECT_CHALLENGE of choice-based sign-in (USER_AUTH) answered with PASSWORD_SRP: SRP_A goes
   * with the choice, and the PASSWORD_VERIFIER that follows is answered as at `signIn`.
   */
  async answerChoice(
    username: string,
    session: string,
    password: string,
    deviceKey?: string,
    clientMetadata?: Record<string, string>,
  ): Promise<{ step: AuthStep; userId: string }> {
    const keys = srpClientKeys();
    const step = await this.cognito.respondToChallenge(
      'SELECT_CHALLENGE',
      session,
      {
        USERNAME: username,
        ANSWER: 'PASSWORD_SRP',
        SRP_A: srpA(keys),
        ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
        ...this.cognito.secretHashParameter(username),
      },
      unknownUserAsWrongPassword,
      clientMetadata,
    );
    return this.prove(step, username, password, keys, { deviceKey, clientMetadata });
  }

  /** Answers PASSWORD_VERIFIER with the proof of the password; any other step is returned as it is. */
  private async prove(
    step: AuthStep,
    username: string,
    password: string,
    keys: ReturnType<typeof srpClientKeys>,
    { deviceKey, clientMetadata }: { deviceKey?: string; clientMetadata?: Record<string, string> },
  ): Promise<{ step: AuthStep; userId: string }> {
    if (step.ChallengeName !== 'PASSWORD_VERIFIER') return { step, userId: username };
    const parameters = step.ChallengeParameters as Partial<PasswordVerifierParameters> | undefined;
    const responses = this.answer(password, keys, parameters);
    // In pools that sign in with an email, the user id (USER_ID_FOR_SRP) is the sub: the answer
    // names it, and its SECRET_HASH is computed over it.
    const answered = await this.cognito.respondToChallenge(
      'PASSWORD_VERIFIER',
      step.Session,
      {
        ...responses,
        ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
        ...this.cognito.secretHashParameter(responses.USERNAME),
      },
      unknownUserAsWrongPassword,
      clientMetadata,
    );
    return { step: answered, userId: responses.USERNAME! };
  }

  private answer(
    password: string,
    keys: ReturnType<typeof srpClientKeys>,
    parameters: Partial<PasswordVerifierParameters> | undefined,
  ): Record<string, string> {
    try {
      return {
        ...passwordVerifierResponses({
          userPoolId: this.cognito.options.userPoolId,
          password,
          keys,
          parameters: (parameters ?? {}) as PasswordVerifierParameters,
        }),
      };
    } catch (error) {
      // A challenge the SRP math refuses (B mod N = 0, parameters missing) is Cognito's fault.
      if (error instanceof SrpError) {
        throw CognitoException.of('COGNITO_ERROR', 'Cognito sent an SRP challenge that cannot be answered.');
      }
      throw error;
    }
  }
}
