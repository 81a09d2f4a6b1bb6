import type { RevokeTokenRequest, RevokeTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError } from '../errors.js';
import { clientSecretMatches } from '../services/oauth-config.js';
import { CLIENT_ID, CLIENT_SECRET, TOKEN } from '../validation.js';
import { target } from './target.js';

/** Revokes one refresh token and the access tokens issued from it. */
export const RevokeToken = target<RevokeTokenRequest, RevokeTokenResponse>({
  signed: false,
  input: {
    Token: TOKEN,
    ClientId: CLIENT_ID,
    ClientSecret: CLIENT_SECRET,
  },
  handler: (ctx, input) => {
    const client = ctx.pools.getClient(input.ClientId);
    if (client.secret && !clientSecretMatches(ctx, client, input.ClientSecret ?? '')) {
      throw new CognitoError('UnauthorizedException', 'Invalid client secret.');
    }
    if (!client.config.EnableTokenRevocation) {
      throw new CognitoError(
        'UnsupportedOperationException',
        'Token revocation is not enabled for this client.',
      );
    }
    const session = ctx.tokens.findSession(input.Token);
    // As RFC 7009 has it, an unknown token is not an error; another client's token is.
    if (session && session.client_id !== client.id) {
      throw new CognitoError('UnauthorizedException', 'The token was not issued to this client.');
    }
    if (session) ctx.tokens.revokeSession(session.origin_jti);
    return {};
  },
});
