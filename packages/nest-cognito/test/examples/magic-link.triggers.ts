import { randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  TriggerHandler,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'nest-cognito/triggers';

/** Emails the user a link that carries `secret` (the application's own mail service). */
export type SendLink = (email: string, secret: string) => Promise<void>;

/**
 * The three triggers of a magic-link sign-in: one round, one link. Define asks for the link once
 * and issues tokens if it came back right; create makes a one-time secret and emails it in a link;
 * verify compares what came back with it. Deploy each as the Lambda function its trigger names.
 */
export function magicLinkTriggers(sendLink: SendLink) {
  const defineAuthChallenge: TriggerHandler<DefineAuthChallengeTriggerEvent> = async (event) => {
    const [round] = event.request.session;
    if (!round) event.response.challengeName = 'CUSTOM_CHALLENGE';
    else if (round.challengeName === 'CUSTOM_CHALLENGE' && round.challengeResult)
      event.response.issueTokens = true;
    else event.response.failAuthentication = true;
    return event;
  };

  const createAuthChallenge: TriggerHandler<CreateAuthChallengeTriggerEvent> = async (event) => {
    const secret = randomBytes(32).toString('base64url');
    const email = event.request.userAttributes.email;
    // Nobody to send to: the sign-in goes on as for a user, so that no answer tells who has an account.
    if (email && !event.request.userNotFound) await sendLink(email, secret);
    event.response.publicChallengeParameters = { delivery: 'EMAIL_LINK' };
    event.response.privateChallengeParameters = { secret };
    event.response.challengeMetadata = 'MAGIC_LINK';
    return event;
  };

  const verifyAuthChallengeResponse: TriggerHandler<VerifyAuthChallengeResponseTriggerEvent> = async (
    event,
  ) => {
    const expected = Buffer.from(event.request.privateChallengeParameters.secret ?? '');
    const given = Buffer.from(event.request.challengeAnswer);
    event.response.answerCorrect =
      expected.length > 0 && given.length === expected.length && timingSafeEqual(given, expected);
    return event;
  };

  return {
    DefineAuthChallenge: defineAuthChallenge,
    CreateAuthChallenge: createAuthChallenge,
    VerifyAuthChallengeResponse: verifyAuthChallengeResponse,
  };
}
