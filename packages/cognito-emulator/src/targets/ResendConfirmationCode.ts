import type {
  ResendConfirmationCodeRequest,
  ResendConfirmationCodeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter, userNotFound } from '../errors.js';
import { answerUnknownUser, clientAndUser } from '../services/access.js';
import { deliverCode } from '../services/delivery.js';
import { CODE_REQUEST } from '../validation.js';
import { target } from './target.js';

export const ResendConfirmationCode = target<ResendConfirmationCodeRequest, ResendConfirmationCodeResponse>({
  signed: false,
  input: CODE_REQUEST,
  handler: async (ctx, input) => {
    const { client, pool, user } = clientAndUser(ctx, input);
    if (!user)
      return answerUnknownUser(
        client,
        input.Username,
        userNotFound('Username/client id combination not found.'),
      );
    if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
    const delivery = await deliverCode(ctx, pool, user, {
      situation: 'ResendCode',
      clientId: client.id,
      clientMetadata: input.ClientMetadata,
      purpose: 'SIGN_UP',
      kind: 'RESEND_CODE',
    });
    if (!delivery) throw invalidParameter('Cannot resend codes. Auto verification not turned on.');
    return { CodeDeliveryDetails: delivery };
  },
});
