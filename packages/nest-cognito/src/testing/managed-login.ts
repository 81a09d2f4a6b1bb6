import { createHash, randomBytes } from 'node:crypto';
import { scopesOfToken } from './token-scopes.js';

/**
 * A browser on the emulator's managed login, driven with `fetch`: the authorization request, the
 * sign-in page and its form (CSRF cookie and field, as a browser sends them), up to the redirect
 * back to the client's callback, which is read, never followed. Then, for a whole sign-in, the
 * code exchanged at `/oauth2/token` with its PKCE verifier.
 */

/** Who signs in on the managed login: an existing, confirmed user of the pool. */
export interface ManagedLoginCredentials {
  email: string;
  password: string;
}

/** The tokens of a managed-login sign-in (authorization code with PKCE). */
export interface ManagedLoginTokens {
  accessToken: string;
  /** With the `openid` scope only, as on AWS. */
  idToken?: string;
  refreshToken: string;
  /** `Bearer <accessToken>`, for an `Authorization` header. */
  authorization: string;
  /** The scopes granted (the access token's `scope`). */
  scopes: string[];
}

/** How many redirects within the emulator are followed before giving up. */
const MAX_HOPS = 5;

/** The emulator's cookies, by name, as one browser keeps them. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /;\s*max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return cookie ? { cookie } : {};
  }
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescape = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);

/** An attribute of an HTML tag, unescaped. */
const attribute = (tag: string, name: string) => {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? undefined : unescape(value);
};

/** The first POST form of a page (the managed login's next step): where it posts and its hidden fields. */
function formOf(html: string, base: string): { action: string; fields: Record<string, string> } | undefined {
  const form = /(<form[^>]*\smethod="post"[^>]*>)([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const action = attribute(form[1]!, 'action');
  if (action === undefined) return undefined;
  const fields: Record<string, string> = {};
  for (const [input] of form[2]!.matchAll(/<input[^>]*\stype="hidden"[^>]*>/gi)) {
    const name = attribute(input, 'name');
    if (name !== undefined) fields[name] = attribute(input, 'value') ?? '';
  }
  return { action: new URL(action, base).href, fields };
}

/** What a page that is not the next step says: its error message, else its title. */
function pageProblem(html: string): string {
  const error = /<p class="error"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
  const title = /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
  return unescape(error ?? title ?? 'an unexpected page');
}

/** Follows redirects while they stay on the emulator; the first answer that does not redirect there. */
async function browse(
  start: string,
  origin: string,
  jar: CookieJar,
  first?: Response,
): Promise<{ response: Response; url: string }> {
  let url = start;
  let response = first ?? (await fetch(url, { redirect: 'manual', headers: jar.header() }));
  if (!first) jar.take(response);
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) break;
    const next = new URL(location, url).href;
    if (new URL(next).origin !== origin) break;
    await response.body?.cancel();
    url = next;
    response = await fetch(url, { redirect: 'manual', headers: jar.header() });
    jar.take(response);
  }
  return { response, url };
}

/**
 * Signs a user in on the managed login from an authorization URL (the emulator's
 * `/oauth2/authorize?...`, e.g. where the application's login route redirects) and answers where
 * the managed login sends the browser back: the client's callback URL with `code` and `state`
 * (or `error`). A step the user cannot pass with a password (a wrong one, MFA, a new password) is an
 * error naming the page's message; the password is never in it.
 */
export async function signInOnManagedLogin(
  authorizationUrl: string,
  user: ManagedLoginCredentials,
): Promise<string> {
  const origin = new URL(authorizationUrl).origin;
  const jar = new CookieJar();
  const page = await browse(authorizationUrl, origin, jar);
  const back = redirectAway(page.response, page.url);
  if (back) return back;
  const html = await page.response.text();
  const form = page.response.status === 200 ? formOf(html, page.url) : undefined;
  if (!form) {
    throw new Error(`The managed login answered ${page.response.status}: ${pageProblem(html)}`);
  }
  const posted = await fetch(form.action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...jar.header() },
    body: new URLSearchParams({ ...form.fields, username: user.email, password: user.password }),
  });
  jar.take(posted);
  const done = await browse(form.action, origin, jar, posted);
  const location = redirectAway(done.response, done.url);
  if (location) return location;
  throw new Error(
    `The managed login did not sign ${user.email} in: ${pageProblem(await done.response.text())}`,
  );
}

/** The redirect of an answer to another origin than the emulator's (the client's callback). */
function redirectAway(response: Response, url: string): string | undefined {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) return undefined;
  return new URL(location, url).href;
}

/** Where the emulated pool's managed login is, and the app client that signs in on it (no secret). */
export interface ManagedLoginClient {
  endpoint: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
}

/**
 * A whole sign-in of the authorization code grant with PKCE (S256), as a single-page or mobile app
 * makes it: the authorization request with a random `state` and challenge, the managed login, the
 * code from the callback's query (its `state` checked), and the code exchanged with the verifier.
 */
export async function managedLoginTokens(
  client: ManagedLoginClient,
  user: ManagedLoginCredentials,
): Promise<ManagedLoginTokens> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope: client.scopes.join(' '),
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const callback = new URL(await signInOnManagedLogin(`${client.endpoint}/oauth2/authorize?${query}`, user));
  const code = callback.searchParams.get('code');
  if (callback.searchParams.get('state') !== state || !code) {
    const error = callback.searchParams.get('error') ?? 'no code, or another state';
    throw new Error(`The managed login sent no code back: ${error}`);
  }
  return exchangeCode(client, code, verifier);
}

/** `/oauth2/token` with `grant_type=authorization_code`, the client's id (public client) and the verifier. */
async function exchangeCode(
  client: ManagedLoginClient,
  code: string,
  verifier: string,
): Promise<ManagedLoginTokens> {
  const response = await fetch(`${client.endpoint}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: client.clientId,
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') {
    throw new Error(`The token endpoint refused the code: ${response.status} ${String(body.error)}`);
  }
  return {
    accessToken: body.access_token,
    ...(typeof body.id_token === 'string' ? { idToken: body.id_token } : {}),
    refreshToken: body.refresh_token,
    authorization: `Bearer ${body.access_token}`,
    scopes: scopesOfToken(body.access_token),
  };
}
