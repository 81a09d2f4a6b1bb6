import type { Target } from '../context.js';
import { invalidParameter, userNotFound } from '../errors.js';
import { answerUnknownUser, clientAndUser } from '../services/access.js';
import { deliverCode } from '../services/delivery.js';
import { CODE_REQUEST, validate } from '../validation.js';

export const ResendConfirmationCode: Target = (ctx, body) => {
  const input = validate(body, CODE_REQUEST);
  const { client, pool, user } = clientAndUser(ctx, input);
  if (!user)
    return answerUnknownUser(
      client,
      input.Username as string,
      userNotFound('Username/client id combination not found.'),
    );
  if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
  const delivery = deliverCode(ctx, pool, user, 'SIGN_UP', 'RESEND_CODE');
  if (!delivery) throw invalidParameter('Cannot resend codes. Auto verification not turned on.');
  return { CodeDeliveryDetails: delivery };
};
