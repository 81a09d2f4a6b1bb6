import { createHash, randomBytes } from 'node:crypto';
import type {
  CognitoIdentityProvider,
  CreateUserPoolClientRequest,
  CreateUserPoolRequest,
} from '@aws-sdk/client-cognito-identity-provider';

/** The resource server every OAuth test pool has, and its scopes. */
export const API = 'https://api.example.test';
export const READ = `${API}/read`;
export const WRITE = `${API}/write`;

/** A pool with a domain (so that its OAuth endpoints answer) and a resource server of two scopes. */
export async function oauthPool(
  cognito: CognitoIdentityProvider,
  settings: Partial<CreateUserPoolRequest> = {},
): Promise<string> {
  const { UserPool } = await cognito.createUserPool({
    PoolName: 'oauth-pool',
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    ...settings,
  });
  const poolId = UserPool!.Id!;
  await cognito.createUserPoolDomain({
    UserPoolId: poolId,
    Domain: `oauth-${randomBytes(6).toString('hex')}`,
  });
  await cognito.createResourceServer({
    UserPoolId: poolId,
    Identifier: API,
    Name: 'api',
    Scopes: [
      { ScopeName: 'read', ScopeDescription: 'read' },
      { ScopeName: 'write', ScopeDescription: 'write' },
    ],
  });
  return poolId;
}

/** A machine client (secret, client credentials) of a pool, allowed the given scopes. */
export async function machineClient(
  cognito: CognitoIdentityProvider,
  poolId: string,
  settings: Partial<CreateUserPoolClientRequest> = {},
): Promise<{ clientId: string; clientSecret: string }> {
  const { UserPoolClient } = await cognito.createUserPoolClient({
    UserPoolId: poolId,
    ClientName: 'machine',
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: [READ, WRITE],
    ...settings,
  });
  return { clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret! };
}

/** A web client (authorization code, optionally a secret) of a pool, with a callback and a sign-out URL. */
export async function webClient(
  cognito: CognitoIdentityProvider,
  poolId: string,
  settings: Partial<CreateUserPoolClientRequest> = {},
): Promise<{ clientId: string; clientSecret: string | undefined }> {
  const { UserPoolClient } = await cognito.createUserPoolClient({
    UserPoolId: poolId,
    ClientName: 'web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin', READ],
    CallbackURLs: [CALLBACK],
    LogoutURLs: [SIGNED_OUT],
    SupportedIdentityProviders: ['COGNITO'],
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    ...settings,
  });
  return { clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
}

export const CALLBACK = 'http://localhost:3000/callback';
export const SIGNED_OUT = 'http://localhost:3000/signed-out';

/** `Authorization: Basic` of a client's id and secret. */
export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** A form POST to an OAuth endpoint; the answer's status, JSON body (if any) and headers. */
export async function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

/** The claims of a JWT, unverified (tests verify with aws-jwt-verify where it matters). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

/** A browser's cookie jar, as simple as the managed login needs: name → value. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the `Set-Cookie`s of an answer (a cleared cookie is forgotten). */
  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A GET without following redirects, cookies from and into the jar. */
export async function browse(url: string, jar: CookieJar): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(response.headers);
  return response;
}

/** The hidden inputs of the first form of a page, by name. */
export function hiddenInputs(html: string): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    inputs[match[1]!] = match[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  return inputs;
}

/** The action URL of the first form of a page. */
export function formAction(html: string, base: string): string {
  const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
  return new URL(action, base).toString();
}

/**
 * Submits the first form of a page (its hidden fields and `fields`), as a browser on the emulator's
 * own origin would, without following the redirect.
 */
export async function submit(
  base: string,
  html: string,
  fields: Record<string, string>,
  jar: CookieJar,
): Promise<Response> {
  const response = await fetch(formAction(html, base), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: jar.header(),
      origin: new URL(base).origin,
    },
    body: new URLSearchParams({ ...hiddenInputs(html), ...fields }).toString(),
  });
  jar.take(response.headers);
  return response;
}

/** An authorization URL of a client (code flow, the fixture's callback), with more parameters. */
export function authorizeUrl(base: string, clientId: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: CALLBACK,
    ...params,
  });
  return `${base}/oauth2/authorize?${query}`;
}

/**
 * Signs in on the managed login through an authorization request: authorize, the sign-in page, its
 * form; the final redirect (to the client's callback) as a URL.
 */
export async function signInOnLoginPage(
  base: string,
  authorize: string,
  username: string,
  password: string,
  jar = new CookieJar(),
): Promise<URL> {
  const toLogin = await browse(authorize, jar);
  if (toLogin.status !== 302) throw new Error(`authorize answered ${toLogin.status}`);
  const login = await browse(new URL(toLogin.headers.get('location')!, base).toString(), jar);
  const html = await login.text();
  const done = await submit(base, html, { username, password }, jar);
  if (done.status !== 302) throw new Error(`sign-in answered ${done.status}: ${await done.text()}`);
  return new URL(done.headers.get('location')!);
}

/** A PKCE verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}
