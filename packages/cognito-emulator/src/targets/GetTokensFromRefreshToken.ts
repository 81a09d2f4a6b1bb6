import type {
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { tokensFromRefreshToken } from '../services/refresh.js';
import { CLIENT_ID, CLIENT_METADATA, CLIENT_SECRET, DEVICE_KEY, TOKEN } from '../validation.js';
import { target } from './target.js';

/**
 * New tokens from a refresh token, on any client: a new refresh token too where the client rotates
 * them (`RefreshTokenRotation`), the one sent then good for the grace period only.
 */
export const GetTokensFromRefreshToken = target<
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse
>({
  signed: false,
  input: {
    RefreshToken: TOKEN,
    ClientId: CLIENT_ID,
    ClientSecret: CLIENT_SECRET,
    DeviceKey: DEVICE_KEY,
    ClientMetadata: CLIENT_METADATA,
  },
  handler: (ctx, input) => tokensFromRefreshToken(ctx, ctx.pools.getClient(input.ClientId), input),
});
