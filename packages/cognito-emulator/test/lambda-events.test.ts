import type * as AwsLambda from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type * as Ours from '../src/index.js';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { contextOf } from '../src/start.js';
import { arnOf, preSignUpEvent } from './lambda-helpers.js';

/**
 * The package's trigger event types against `@types/aws-lambda` (which applications also use):
 * every event that package types is one of ours (so handlers typed either way see the same
 * fields), and handlers typed with either package can be given to `startEmulator`. These checks
 * run at type-checking time (`tsc -p tsconfig.test.json`).
 */
describe('the trigger event types', () => {
  it('accept every event @types/aws-lambda types, trigger by trigger', () => {
    expectTypeOf<AwsLambda.PreSignUpTriggerEvent>().toExtend<Ours.PreSignUpTriggerEvent>();
    expectTypeOf<AwsLambda.CustomMessageTriggerEvent>().toExtend<Ours.CustomMessageTriggerEvent>();
    expectTypeOf<AwsLambda.PostConfirmationTriggerEvent>().toExtend<Ours.PostConfirmationTriggerEvent>();
    expectTypeOf<AwsLambda.PreAuthenticationTriggerEvent>().toExtend<Ours.PreAuthenticationTriggerEvent>();
    expectTypeOf<AwsLambda.PostAuthenticationTriggerEvent>().toExtend<Ours.PostAuthenticationTriggerEvent>();
    expectTypeOf<AwsLambda.DefineAuthChallengeTriggerEvent>().toExtend<Ours.DefineAuthChallengeTriggerEvent>();
    expectTypeOf<AwsLambda.CreateAuthChallengeTriggerEvent>().toExtend<Ours.CreateAuthChallengeTriggerEvent>();
    expectTypeOf<AwsLambda.VerifyAuthChallengeResponseTriggerEvent>().toExtend<Ours.VerifyAuthChallengeResponseTriggerEvent>();
    expectTypeOf<AwsLambda.PreTokenGenerationTriggerEvent>().toExtend<Ours.PreTokenGenerationTriggerEvent>();
    expectTypeOf<AwsLambda.PreTokenGenerationV2TriggerEvent>().toExtend<Ours.PreTokenGenerationV2TriggerEvent>();
    expectTypeOf<AwsLambda.PreTokenGenerationV3TriggerEvent>().toExtend<Ours.PreTokenGenerationV3TriggerEvent>();
    expectTypeOf<AwsLambda.UserMigrationTriggerEvent['request']>().toExtend<
      Ours.UserMigrationTriggerEvent['request']
    >();
    expectTypeOf<
      AwsLambda.CustomSMSSenderTriggerEvent['triggerSource']
    >().toExtend<Ours.CustomSMSSenderTriggerSource>();
    expectTypeOf<
      AwsLambda.CustomEmailSenderTriggerEvent['triggerSource']
    >().toExtend<Ours.CustomEmailSenderTriggerSource>();
    expectTypeOf<AwsLambda.InboundFederationTriggerEvent>().toExtend<Ours.InboundFederationTriggerEvent>();
  });

  it('name the same trigger sources, and ours every one of them', () => {
    type Theirs =
      | AwsLambda.PreSignUpTriggerEvent
      | AwsLambda.CustomMessageTriggerEvent
      | AwsLambda.PostConfirmationTriggerEvent
      | AwsLambda.PreAuthenticationTriggerEvent
      | AwsLambda.PostAuthenticationTriggerEvent
      | AwsLambda.DefineAuthChallengeTriggerEvent
      | AwsLambda.CreateAuthChallengeTriggerEvent
      | AwsLambda.VerifyAuthChallengeResponseTriggerEvent
      | AwsLambda.PreTokenGenerationTriggerEvent
      | AwsLambda.PreTokenGenerationV3TriggerEvent
      | AwsLambda.UserMigrationTriggerEvent
      | AwsLambda.CustomEmailSenderTriggerEvent
      | AwsLambda.CustomSMSSenderTriggerEvent
      | AwsLambda.InboundFederationTriggerEvent;
    expectTypeOf<Theirs['triggerSource']>().toEqualTypeOf<Ours.TriggerSource>();
  });
});

describe('handlers typed with either package', () => {
  let emulator: RunningEmulator;
  const theirs: AwsLambda.PreSignUpTriggerHandler = async (event) => {
    event.response.autoConfirmUser = true;
    return event;
  };
  const ours: Ours.LambdaHandler<Ours.PreSignUpTriggerEvent> = (event, context, callback) =>
    callback(null, {
      ...event,
      response: { ...event.response, autoVerifyEmail: context.functionName === 'ours' },
    });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, lambdas: { theirs, ours } });
  });
  afterAll(() => emulator.stop());

  it('run in the emulator', async () => {
    const invoke = (name: string) => contextOf(emulator).lambdas.invoke(arnOf(name), preSignUpEvent());
    expect(await invoke('theirs')).toMatchObject({ response: { autoConfirmUser: true } });
    expect(await invoke('ours')).toMatchObject({ response: { autoVerifyEmail: true } });
  });
});
