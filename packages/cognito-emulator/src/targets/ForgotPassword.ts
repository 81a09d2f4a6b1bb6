import type { Target } from '../context.js';
import { invalidParameter, notAuthorized, userNotFound } from '../errors.js';
import { answerUnknownUser, clientAndUser } from '../services/access.js';
import { deliverCode, verifiedChannel } from '../services/delivery.js';
import { CODE_REQUEST, validate } from '../validation.js';

export const ForgotPassword: Target = (ctx, body) => {
  const input = validate(body, CODE_REQUEST);
  const { client, pool, user } = clientAndUser(ctx, input);
  if (!user) return answerUnknownUser(client, input.Username as string, userNotFound());
  if (!user.enabled) throw notAuthorized('User is disabled.');
  const channel = verifiedChannel(user);
  if (!channel) {
    throw invalidParameter(
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  }
  return { CodeDeliveryDetails: deliverCode(ctx, pool, user, 'FORGOT_PASSWORD', 'FORGOT_PASSWORD', channel) };
};
