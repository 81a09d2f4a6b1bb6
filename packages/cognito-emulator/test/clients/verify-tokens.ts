import { CognitoJwtVerifier } from 'aws-jwt-verify';

/**
 * Verifies an access and an ID token as a resource server would: aws-jwt-verify, AWS's issuer,
 * the pool's JWKS as the emulator serves it. Returns both payloads.
 */
export async function verifyUserPoolTokens(
  endpoint: string,
  pool: { poolId: string; clientId: string },
  tokens: { accessToken: string; idToken: string },
) {
  const jwks = await (await fetch(`${endpoint}/${pool.poolId}/.well-known/jwks.json`)).json();
  const access = CognitoJwtVerifier.create({ ...idsOf(pool), tokenUse: 'access' });
  const id = CognitoJwtVerifier.create({ ...idsOf(pool), tokenUse: 'id' });
  access.cacheJwks(jwks);
  id.cacheJwks(jwks);
  return { access: await access.verify(tokens.accessToken), id: await id.verify(tokens.idToken) };
}

const idsOf = (pool: { poolId: string; clientId: string }) => ({
  userPoolId: pool.poolId,
  clientId: pool.clientId,
});
