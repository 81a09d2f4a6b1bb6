import type { CognitoIdentityProvider, LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { randomInt } from 'node:crypto';
import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  LambdaHandler,
  RunningEmulator,
  VerifyAuthChallengeResponseTriggerEvent,
} from '../src/index.js';
import { arnOf } from './lambda-helpers.js';
import { passwordUser, signInPool } from './sign-in-pool.js';

// Trigger functions written the way applications write them (AWS's examples), run in process by the
// emulator, and the pools and users of the custom authentication tests, over the AWS SDK.

/** Codes the "email" challenge sent, newest last: what a user would find in their mailbox. */
export const mailbox: { to: string; code: string }[] = [];

/** The last code sent to an address. */
export const lastCodeTo = (to: string) => mailbox.filter((m) => m.to === to).at(-1)?.code;

/**
 * Magic-code sign-in: a code by "email" per round, three tries, then failure; with CUSTOM_WITH_SRP,
 * the password first. (AWS's define example, generalized to retries.)
 */
const define: LambdaHandler<DefineAuthChallengeTriggerEvent> = async (event) => {
  const session = event.request.session;
  const last = session.at(-1);
  const response = event.response;
  if (last?.challengeName === 'SRP_A') {
    response.challengeName = 'PASSWORD_VERIFIER';
  } else if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) {
    response.issueTokens = true;
  } else if (session.filter((round) => round.challengeName === 'CUSTOM_CHALLENGE').length >= 3) {
    response.failAuthentication = true;
  } else if (last === undefined || last.challengeResult || last.challengeName === 'CUSTOM_CHALLENGE') {
    response.challengeName = 'CUSTOM_CHALLENGE';
  } else {
    response.failAuthentication = true;
  }
  return event;
};

const create: LambdaHandler<CreateAuthChallengeTriggerEvent> = async (event) => {
  const email = event.request.userAttributes.email ?? '';
  const code = String(randomInt(100_000, 1_000_000));
  if (!event.request.userNotFound) mailbox.push({ to: email, code });
  event.response.publicChallengeParameters = { delivery: 'EMAIL', email };
  event.response.privateChallengeParameters = { code };
  event.response.challengeMetadata = `CODE-${event.request.session.length}`;
  return event;
};

const verify: LambdaHandler<VerifyAuthChallengeResponseTriggerEvent> = async (event) => {
  event.response.answerCorrect =
    event.request.challengeAnswer === event.request.privateChallengeParameters.code;
  return event;
};

/** A quiz of two questions, each to be answered right; a wrong answer ends the sign-in. */
const QUIZ = [
  { question: 'What is 6 times 7?', answer: '42' },
  { question: 'Which planet is red?', answer: 'Mars' },
];
const quizDefine: LambdaHandler<DefineAuthChallengeTriggerEvent> = async (event) => {
  const session = event.request.session;
  if (session.some((round) => !round.challengeResult)) event.response.failAuthentication = true;
  else if (session.length === QUIZ.length) event.response.issueTokens = true;
  else event.response.challengeName = 'CUSTOM_CHALLENGE';
  return event;
};
const quizCreate: LambdaHandler<CreateAuthChallengeTriggerEvent> = async (event) => {
  const item = QUIZ[event.request.session.length]!;
  event.response.publicChallengeParameters = {
    question: item.question,
    round: String(event.request.session.length + 1),
  };
  event.response.privateChallengeParameters = { answer: item.answer };
  event.response.challengeMetadata = `QUESTION-${event.request.session.length + 1}`;
  return event;
};
const quizVerify: LambdaHandler<VerifyAuthChallengeResponseTriggerEvent> = async (event) => {
  const expected = event.request.privateChallengeParameters.answer ?? '';
  event.response.answerCorrect = event.request.challengeAnswer.toLowerCase() === expected.toLowerCase();
  return event;
};

/** Functions whose define answer is fixed, for the edges of the flow. */
const defineWith =
  (
    response: Partial<DefineAuthChallengeTriggerEvent['response']>,
  ): LambdaHandler<DefineAuthChallengeTriggerEvent> =>
  async (event) => ({ ...event, response: { ...event.response, ...response } });

/** Every function of these tests, by name (the name in the pools' ARNs). */
export const customAuthFunctions: Record<string, LambdaHandler> = {
  define: define,
  create: create,
  verify: verify,
  'quiz-define': quizDefine,
  'quiz-create': quizCreate,
  'quiz-verify': quizVerify,
  'define-tokens': defineWith({ issueTokens: true }),
  'define-fail': defineWith({ failAuthentication: true }),
  'define-sms': defineWith({ challengeName: 'SMS_MFA' }),
  'define-nothing': defineWith({}),
  'define-verifier': defineWith({ challengeName: 'PASSWORD_VERIFIER' }),
  'define-garbled': async (event: DefineAuthChallengeTriggerEvent) => ({
    ...event,
    response: { issueTokens: 'yes' },
  }),
  'define-throws': () => Promise.reject(new Error('No sign-in today')),
  'create-throws': () => Promise.reject(new Error('Mail is down')),
};

/** The three challenge triggers of a set of functions: `''` for the code challenge, `quiz-` for the quiz. */
export const challengeTriggers = (
  prefix = '',
  names: Partial<Record<'define' | 'create' | 'verify', string>> = {},
): LambdaConfigType => ({
  DefineAuthChallenge: arnOf(names.define ?? `${prefix}define`),
  CreateAuthChallenge: arnOf(names.create ?? `${prefix}create`),
  VerifyAuthChallengeResponse: arnOf(names.verify ?? `${prefix}verify`),
});

export interface CustomPoolOptions {
  lambdaConfig?: LambdaConfigType;
  flows?: string[];
  secret?: boolean;
  prevent?: 'ENABLED' | 'LEGACY';
  tracksDevices?: boolean;
}

/** A pool (email as user name) with the given triggers, and a client allowing custom auth, SRP and refresh. */
export const customPool = (cognito: CognitoIdentityProvider, options: CustomPoolOptions = {}) =>
  signInPool(cognito, 'custom', {
    ...options,
    autoVerifyEmail: true,
    lambdaConfig: options.lambdaConfig ?? challengeTriggers(),
    flows: options.flows ?? ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });

export type CustomPool = Awaited<ReturnType<typeof customPool>>;

let count = 0;

/** A confirmed user of the pool with a password and a verified email (its sign-in name); its `sub` too. */
export async function customUser(cognito: CognitoIdentityProvider, pool: CustomPool) {
  const email = `custom${count++}@example.com`;
  const sub = await passwordUser(cognito, pool.poolId, email, { email_verified: 'true' });
  return { email, sub };
}

/** InitiateAuth with CUSTOM_AUTH. */
export const initiateCustom = (
  cognito: CognitoIdentityProvider,
  pool: CustomPool,
  parameters: Record<string, string>,
  clientMetadata?: Record<string, string>,
) =>
  cognito.initiateAuth({
    ClientId: pool.clientId,
    AuthFlow: 'CUSTOM_AUTH',
    AuthParameters: parameters,
    ...(clientMetadata ? { ClientMetadata: clientMetadata } : {}),
  });

/** RespondToAuthChallenge CUSTOM_CHALLENGE with an answer, as the user named by USERNAME. */
export const answerCustom = (
  cognito: CognitoIdentityProvider,
  pool: CustomPool,
  challenge: { Session?: string | undefined; ChallengeParameters?: Record<string, string> | undefined },
  answer: string,
  clientMetadata?: Record<string, string>,
) =>
  cognito.respondToAuthChallenge({
    ClientId: pool.clientId,
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session: challenge.Session,
    ChallengeResponses: { USERNAME: challenge.ChallengeParameters!.USERNAME!, ANSWER: answer },
    ...(clientMetadata ? { ClientMetadata: clientMetadata } : {}),
  });

/** The events a trigger of a pool received, oldest first. */
export function eventsOf(emulator: RunningEmulator, poolId: string, triggerSource: string) {
  return emulator
    .lambdaInvocations({ poolId })
    .filter((invocation) => invocation.triggerSource === triggerSource)
    .reverse()
    .map((invocation) => invocation.event as { userName: string; request: Record<string, unknown> });
}
