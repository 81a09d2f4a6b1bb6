import { CognitoClientCredentialsError } from './client-credentials.error.js';
import {
  type CognitoClientCredentialsOptions,
  type ResolvedClientCredentialsOptions,
  resolveClientCredentialsOptions,
} from './client-credentials.options.js';
import { discoverTokenEndpoint } from './discovery.js';
import { basicAuthorization, requestToken } from './token-request.js';

/** A client-credentials access token and when it expires. */
export interface ClientCredentialsToken {
  accessToken: string;
  /** Epoch milliseconds: when it was requested plus its `expires_in`. */
  expiresAt: number;
}

interface CachedToken extends ClientCredentialsToken {
  /** From then on the next call fetches a new one: `expiresAt` less the refresh skew. */
  refreshAt: number;
}

const NOT_CONFIGURED =
  'CognitoModule was given no clientCredentials option: add clientCredentials: { clientId, clientSecret } to use CognitoClientCredentials';

/**
 * Access tokens of the OAuth 2.0 client-credentials flow, for this application's calls to other
 * services (machine to machine). The token endpoint is the given one or the `token_endpoint` of the
 * pool's OpenID configuration (read once); the client authenticates with `client_secret_basic`.
 * A token is reused until shortly before it expires (`refreshSkewSeconds`); however many callers
 * ask at once, one request is in flight, and they all get its token or its error. A failure is not
 * kept: the next call tries again.
 *
 * In Nest, inject it once `CognitoModule.forRoot({ clientCredentials })` configures it; elsewhere,
 * `new CognitoClientCredentials({ clientId, clientSecret, userPoolId })`. The secret lives in a
 * private field: it is never logged, inspected, nor put in an error.
 */
export class CognitoClientCredentials {
  readonly #config: ResolvedClientCredentialsOptions | undefined;
  readonly #authorization: string;
  #tokenEndpoint: string | undefined;
  #cached: CachedToken | undefined;
  #inFlight: Promise<CachedToken> | undefined;

  /** Throws when the options are invalid, naming every problem (never the secret). */
  constructor(options?: CognitoClientCredentialsOptions) {
    this.#config = options ? resolveClientCredentialsOptions(options) : undefined;
    this.#authorization = this.#config
      ? basicAuthorization(this.#config.clientId, this.#config.clientSecret)
      : '';
    this.#tokenEndpoint = this.#config?.tokenEndpoint;
  }

  /** The machine client's id; `undefined` when not configured. */
  get clientId(): string | undefined {
    return this.#config?.clientId;
  }

  /** A valid access token and its expiry: the cached one, or a new one. */
  getToken(): Promise<ClientCredentialsToken> {
    const config = this.#config;
    if (!config) return Promise.reject(new CognitoClientCredentialsError('not_configured', NOT_CONFIGURED));
    const cached = this.#cached;
    if (cached && config.now() < cached.refreshAt) return Promise.resolve(publicToken(cached));
    this.#inFlight ??= this.#fetch(config).finally(() => {
      this.#inFlight = undefined;
    });
    const fetched = this.#inFlight.then(publicToken);
    return cached ? fetched.catch((error: unknown) => this.#stillValid(config, error)) : fetched;
  }

  /** A valid access token (see `getToken`). */
  async getAccessToken(): Promise<string> {
    return (await this.getToken()).accessToken;
  }

  /** `Bearer <access token>`, for an outgoing request's `Authorization` header. */
  async authorizationHeader(): Promise<string> {
    return `Bearer ${await this.getAccessToken()}`;
  }

  /** Forgets the cached token (e.g. after the receiving service refused it): the next call fetches one. */
  invalidate(): void {
    this.#cached = undefined;
  }

  /**
   * When a refresh fails inside the skew, the cached token is still good until its expiry: answer
   * it rather than fail a call that needs no new token (unless `invalidate()` dropped it meanwhile).
   */
  #stillValid(config: ResolvedClientCredentialsOptions, error: unknown): ClientCredentialsToken {
    const cached = this.#cached;
    if (cached && config.now() < cached.expiresAt) return publicToken(cached);
    throw error;
  }

  async #fetch(config: ResolvedClientCredentialsOptions): Promise<CachedToken> {
    const tokenEndpoint = (this.#tokenEndpoint ??= await discoverTokenEndpoint(
      config.discoveryUrl!,
      config.timeoutMs,
    ));
    const requestedAt = config.now();
    const issued = await requestToken({
      tokenEndpoint,
      authorization: this.#authorization,
      ...(config.scopes ? { scopes: config.scopes } : {}),
      timeoutMs: config.timeoutMs,
      secret: config.clientSecret,
    });
    const lifetimeMs = Math.min(issued.expiresIn, lifetimeOf(issued.accessToken)) * 1000;
    // A lifetime shorter than twice the skew would leave nothing to reuse: keep it for half its life then.
    const skewMs = Math.min(config.refreshSkewSeconds * 1000, lifetimeMs / 2);
    const token = {
      accessToken: issued.accessToken,
      expiresAt: requestedAt + lifetimeMs,
      refreshAt: requestedAt + lifetimeMs - skewMs,
    };
    this.#cached = token;
    return token;
  }
}

/**
 * The lifetime the token itself states (`exp` − `iat`, both of the issuer's clock), in seconds;
 * `Infinity` when it states none. It bounds `expires_in`: an endpoint claiming more must not keep a
 * dead token in the cache.
 */
function lifetimeOf(accessToken: string): number {
  try {
    const payload = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as {
      exp?: unknown;
      iat?: unknown;
    };
    const { exp, iat } = payload;
    return typeof exp === 'number' && typeof iat === 'number' && exp > iat ? exp - iat : Infinity;
  } catch {
    return Infinity;
  }
}

const publicToken = ({ accessToken, expiresAt }: CachedToken): ClientCredentialsToken => ({
  accessToken,
  expiresAt,
});
