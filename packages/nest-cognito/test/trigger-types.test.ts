import { readFileSync } from 'node:fs';
import type * as AwsLambda from 'aws-lambda';
import type * as Emulator from 'cognito-emulator';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as Ours from '../src/triggers/index.js';

// nest-cognito/triggers against the events the emulator sends (both ways: the same shapes, so a
// handler typed with ours reads exactly what it gets, and answers what the emulator reads) and
// against @types/aws-lambda (every event that package types is one of ours). These checks run when
// the tests are type-checked (`tsc -p tsconfig.test.json`); the entry itself imports nothing.

describe('nest-cognito/triggers', () => {
  it('its events are the emulator’s, trigger by trigger, both ways', () => {
    expectTypeOf<Ours.PreSignUpTriggerEvent>().toEqualTypeOf<Emulator.PreSignUpTriggerEvent>();
    expectTypeOf<Ours.CustomMessageTriggerEvent>().toEqualTypeOf<Emulator.CustomMessageTriggerEvent>();
    expectTypeOf<Ours.PostConfirmationTriggerEvent>().toEqualTypeOf<Emulator.PostConfirmationTriggerEvent>();
    expectTypeOf<Ours.PreAuthenticationTriggerEvent>().toEqualTypeOf<Emulator.PreAuthenticationTriggerEvent>();
    expectTypeOf<Ours.PostAuthenticationTriggerEvent>().toEqualTypeOf<Emulator.PostAuthenticationTriggerEvent>();
    expectTypeOf<Ours.DefineAuthChallengeTriggerEvent>().toEqualTypeOf<Emulator.DefineAuthChallengeTriggerEvent>();
    expectTypeOf<Ours.CreateAuthChallengeTriggerEvent>().toEqualTypeOf<Emulator.CreateAuthChallengeTriggerEvent>();
    expectTypeOf<Ours.VerifyAuthChallengeResponseTriggerEvent>().toEqualTypeOf<Emulator.VerifyAuthChallengeResponseTriggerEvent>();
    expectTypeOf<Ours.PreTokenGenerationTriggerEvent>().toEqualTypeOf<Emulator.PreTokenGenerationTriggerEvent>();
    expectTypeOf<Ours.PreTokenGenerationV2TriggerEvent>().toEqualTypeOf<Emulator.PreTokenGenerationV2TriggerEvent>();
    expectTypeOf<Ours.PreTokenGenerationV3TriggerEvent>().toEqualTypeOf<Emulator.PreTokenGenerationV3TriggerEvent>();
    expectTypeOf<Ours.UserMigrationTriggerEvent>().toEqualTypeOf<Emulator.UserMigrationTriggerEvent>();
    expectTypeOf<Ours.CustomEmailSenderTriggerEvent>().toEqualTypeOf<Emulator.CustomEmailSenderTriggerEvent>();
    expectTypeOf<Ours.CustomSMSSenderTriggerEvent>().toEqualTypeOf<Emulator.CustomSMSSenderTriggerEvent>();
    expectTypeOf<Ours.InboundFederationTriggerEvent>().toEqualTypeOf<Emulator.InboundFederationTriggerEvent>();
    expectTypeOf<Ours.TriggerSource>().toEqualTypeOf<Emulator.TriggerSource>();
  });

  it('its handlers are the emulator’s: one typed with ours runs there, and the other way round', () => {
    expectTypeOf<Ours.TriggerHandler>().toExtend<Emulator.LambdaHandler>();
    expectTypeOf<Emulator.LambdaHandler>().toExtend<Ours.TriggerHandler>();
    expectTypeOf<Ours.TriggerContext>().toEqualTypeOf<Emulator.LambdaContext>();
    expectTypeOf<Ours.TriggerName>().toExtend<Emulator.TriggerName>();
  });

  it('every event @types/aws-lambda types is one of ours, and its handlers fit ours', () => {
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
    expectTypeOf<AwsLambda.InboundFederationTriggerEvent>().toExtend<Ours.InboundFederationTriggerEvent>();
    expectTypeOf<AwsLambda.PreSignUpTriggerHandler>().toExtend<
      Ours.TriggerHandler<Ours.PreSignUpTriggerEvent>
    >();
  });

  it('the entry is types only: its JavaScript imports nothing and exports nothing', () => {
    const source = readFileSync(new URL('../src/triggers/index.ts', import.meta.url), 'utf8');
    const statements = source.match(/^(import|export)\b.*$/gm) ?? [];
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((line) => !/^(import|export) type\b/.test(line))).toEqual([]);
  });
});
