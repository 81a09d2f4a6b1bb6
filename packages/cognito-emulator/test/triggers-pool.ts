import type {
  CognitoIdentityProvider,
  CreateUserPoolCommandInput,
  LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoTriggerEvent, RunningEmulator } from '../src/index.js';
import { emulatorWithSdk } from './helpers.js';
import { arnOf } from './lambda-helpers.js';

/** What a test function does with an event: answers an event (or throws). */
export type Behaviour = (event: CognitoTriggerEvent) => unknown;

/** Answers the event as received: what a trigger that changes nothing returns. */
export const unchanged: Behaviour = (event) => event;

/**
 * Functions run in the emulator's process, by name, that record every event they receive and
 * answer with the behaviour a test sets (`unchanged` until then).
 */
export class TestFunctions {
  readonly events: { name: string; event: CognitoTriggerEvent }[] = [];
  private readonly behaviours = new Map<string, Behaviour>();

  constructor(readonly names: readonly string[]) {}

  /** The handlers to give `startEmulator({ lambdas })`. */
  handlers(): Record<string, (event: CognitoTriggerEvent) => Promise<unknown>> {
    return Object.fromEntries(
      this.names.map((name) => [
        name,
        async (event: CognitoTriggerEvent) => {
          this.events.push({ name, event: structuredClone(event) });
          return (this.behaviours.get(name) ?? unchanged)(event);
        },
      ]),
    );
  }

  /** Sets what a function answers from now on. */
  answer(name: string, behaviour: Behaviour): void {
    this.behaviours.set(name, behaviour);
  }

  /** Forgets the events and the behaviours. */
  reset(): void {
    this.events.length = 0;
    this.behaviours.clear();
  }

  /** The events a function received, oldest first. */
  of(name: string): CognitoTriggerEvent[] {
    return this.events.filter((e) => e.name === name).map((e) => e.event);
  }
}

/** An emulator whose in-process functions are `functions`, and the SDK pointed at it. */
export async function triggerEmulator(functions: TestFunctions) {
  return emulatorWithSdk({ lambdas: functions.handlers() });
}

/** A trigger's function name for each trigger of a pool (`{ PreSignUp: 'pre-sign-up' }`). */
export type TriggerNames = Partial<Record<keyof LambdaConfigType, string>>;

/**
 * The `LambdaConfig` of functions named by trigger: custom senders as `V1_0` with a KMS key (AWS
 * requires one with them), every other trigger as the function's ARN.
 */
export function lambdaConfigOf(triggers: TriggerNames): LambdaConfigType {
  const LambdaConfig: LambdaConfigType = {};
  for (const [trigger, name] of Object.entries(triggers)) {
    if (trigger === 'CustomEmailSender' || trigger === 'CustomSMSSender') {
      LambdaConfig[trigger] = { LambdaArn: arnOf(name), LambdaVersion: 'V1_0' };
      LambdaConfig.KMSKeyID = 'arn:aws:kms:us-east-1:123456789012:key/test-key';
    } else (LambdaConfig as Record<string, string>)[trigger] = arnOf(name);
  }
  return LambdaConfig;
}

/**
 * A pool with triggers, email as user name by default, and a client allowing password, SRP and
 * refresh sign-in; more pool settings may be given.
 */
export async function poolWithTriggers(
  cognito: CognitoIdentityProvider,
  triggers: TriggerNames,
  settings: Partial<CreateUserPoolCommandInput> = {},
) {
  const LambdaConfig = lambdaConfigOf(triggers);
  const { UserPool } = await cognito.createUserPool({
    PoolName: 'triggers',
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    ...settings,
    LambdaConfig: { ...LambdaConfig, ...settings.LambdaConfig },
  });
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.createUserPoolClient({
    UserPoolId: poolId,
    ClientName: 'app',
    ExplicitAuthFlows: [
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ],
  });
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

/** The newest message the emulator "sent" to an address. */
export const lastMessage = (emulator: RunningEmulator, to: string) => emulator.messages({ to }).at(-1);
