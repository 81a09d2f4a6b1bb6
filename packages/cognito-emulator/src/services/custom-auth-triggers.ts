import type { EmulatorContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  StringMap,
  VerifyAuthChallengeResponseTriggerEvent,
} from '../lambda/events.js';
import { invalidLambdaResponse } from '../lambda/lambda-errors.js';
import type { TriggerName } from '../lambda/lambda-config.js';
import { emptyRecord } from '../records.js';
import type { CustomAuthState } from './challenges.js';
import type { Client, Pool, User } from './model.js';
import { metadataField, triggerAttributes, userNotFoundOf } from './sign-in.js';
import { runTrigger, triggerOf } from './triggers.js';

/**
 * The three triggers of custom authentication, called as Cognito calls them and their answers read
 * as Cognito reads them: what a function leaves out is false or empty, and what has the wrong type
 * is `InvalidLambdaResponseException`.
 */

/** Who a round of custom authentication is about, and what its define trigger saw so far. */
export interface RoundSubject {
  pool: Pool;
  client: Client;
  /** The name the sign-in gave. */
  name: string;
  /** Undefined for a name that names no user (where the client hides user existence). */
  user: User | undefined;
  state: CustomAuthState;
}

/** What the define auth challenge trigger decided. */
export interface Decision {
  challengeName: string | undefined;
  issueTokens: boolean;
  failAuthentication: boolean;
}

/** A challenge as the create auth challenge trigger made it. */
export interface CreatedChallenge {
  publicParameters: StringMap;
  privateParameters: StringMap;
  challengeMetadata: string | undefined;
}

type ChallengeTrigger = Extract<
  TriggerName,
  'DefineAuthChallenge' | 'CreateAuthChallenge' | 'VerifyAuthChallengeResponse'
>;

/** A custom authentication needs the pool's trigger for its next step: AWS's error when it has none. */
export function assertChallengeTrigger(pool: Pool, trigger: ChallengeTrigger): void {
  if (!triggerOf(pool, trigger)) {
    throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  }
}

/** What every challenge trigger's request starts with. */
function requestOf(subject: RoundSubject, clientMetadata: StringMap | undefined) {
  return {
    userAttributes: triggerAttributes(subject.user),
    ...userNotFoundOf(subject.client, subject.user),
    ...metadataField('clientMetadata', clientMetadata),
  };
}

/** The event envelope's part a flow gives: source, user (the name given for a stand-in), client. */
const callOf = (subject: RoundSubject) => ({
  userName: subject.user?.username ?? subject.name,
  clientId: subject.client.id,
});

/** DefineAuthChallenge_Authentication with the rounds so far (`session`). */
export async function defineChallenge(
  ctx: EmulatorContext,
  subject: RoundSubject,
  clientMetadata: StringMap | undefined,
): Promise<Decision> {
  assertChallengeTrigger(subject.pool, 'DefineAuthChallenge');
  const response: unknown = await runTrigger<DefineAuthChallengeTriggerEvent>(ctx, subject.pool, {
    triggerSource: 'DefineAuthChallenge_Authentication',
    ...callOf(subject),
    request: { ...requestOf(subject, clientMetadata), session: subject.state.history },
    response: { issueTokens: false, failAuthentication: false },
  });
  const answer = responseOf(response);
  return {
    challengeName: textOf(answer.challengeName),
    issueTokens: flagOf(answer.issueTokens),
    failAuthentication: flagOf(answer.failAuthentication),
  };
}

/** CreateAuthChallenge_Authentication for the challenge the define trigger named. */
export async function createChallenge(
  ctx: EmulatorContext,
  subject: RoundSubject,
  challengeName: string,
  clientMetadata: StringMap | undefined,
): Promise<CreatedChallenge> {
  assertChallengeTrigger(subject.pool, 'CreateAuthChallenge');
  const response: unknown = await runTrigger<CreateAuthChallengeTriggerEvent>(ctx, subject.pool, {
    triggerSource: 'CreateAuthChallenge_Authentication',
    ...callOf(subject),
    request: { ...requestOf(subject, clientMetadata), challengeName, session: subject.state.history },
    response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: '' },
  });
  const answer = responseOf(response);
  return {
    publicParameters: stringMapOf(answer.publicChallengeParameters),
    privateParameters: stringMapOf(answer.privateChallengeParameters),
    // An empty name is no name: the define trigger then sees none, as for a challenge never named.
    challengeMetadata: textOf(answer.challengeMetadata) || undefined,
  };
}

/** VerifyAuthChallengeResponse_Authentication: the user's ANSWER against what the create trigger kept. */
export async function verifyAnswer(
  ctx: EmulatorContext,
  subject: RoundSubject,
  privateParameters: StringMap,
  answer: string,
  clientMetadata: StringMap | undefined,
): Promise<boolean> {
  const response: unknown = await runTrigger<VerifyAuthChallengeResponseTriggerEvent>(ctx, subject.pool, {
    triggerSource: 'VerifyAuthChallengeResponse_Authentication',
    ...callOf(subject),
    request: {
      ...requestOf(subject, clientMetadata),
      privateChallengeParameters: privateParameters,
      challengeAnswer: answer,
    },
    response: { answerCorrect: false },
  });
  return flagOf(responseOf(response).answerCorrect);
}

/**
 * A trigger's response (an object: `runTrigger` refuses anything else); none means the pool lost
 * the trigger between the check and the call.
 */
function responseOf(response: unknown): Record<string, unknown> {
  if (response === undefined)
    throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  if (typeof response !== 'object' || response === null) throw invalidLambdaResponse();
  return response as Record<string, unknown>;
}

/** A boolean of a response: left out (or null) is false. */
function flagOf(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw invalidLambdaResponse();
  return value;
}

/** A string of a response: left out (or null) is none. */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidLambdaResponse();
  return value;
}

/**
 * A map of challenge parameters: string values, numbers and booleans as their text (a JSON reader
 * takes them as strings); anything else refused. Keys come from the function: a null-prototype record.
 */
function stringMapOf(value: unknown): StringMap {
  const map = emptyRecord<string>();
  if (value === undefined || value === null) return map;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidLambdaResponse();
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') map[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') map[key] = String(item);
    else throw invalidLambdaResponse();
  }
  return map;
}
