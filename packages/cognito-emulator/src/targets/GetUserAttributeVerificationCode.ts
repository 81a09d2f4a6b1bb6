import type {
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../errors.js';
import { userOfAccessToken } from '../services/access.js';
import { isVerifiable } from '../services/attributes.js';
import { deliverCode } from '../services/delivery.js';
import { ATTRIBUTE_NAME, CLIENT_METADATA, TOKEN } from '../validation.js';
import { target } from './target.js';

/** Sends (again) a code that verifies the user's email or phone number, or the new value pending. */
export const GetUserAttributeVerificationCode = target<
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse
>({
  signed: false,
  input: {
    AccessToken: TOKEN,
    AttributeName: ATTRIBUTE_NAME,
    ClientMetadata: CLIENT_METADATA,
  },
  handler: async (ctx, input) => {
    const { pool, user, clientId } = userOfAccessToken(ctx, input.AccessToken);
    const name = input.AttributeName;
    if (!isVerifiable(name) || !(user.pending?.[name] ?? user.attributes[name])) {
      throw invalidParameter(`User has no attribute ${name} that can be verified.`);
    }
    const delivery = await deliverCode(ctx, pool, user, {
      situation: 'VerifyUserAttribute',
      clientId,
      clientMetadata: input.ClientMetadata,
      purpose: 'VERIFY_ATTRIBUTE',
      kind: 'VERIFY_ATTRIBUTE',
      attribute: name,
    });
    return { CodeDeliveryDetails: delivery };
  },
});
