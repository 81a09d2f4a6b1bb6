import {
  Controller,
  Get,
  Header,
  HttpStatus,
  Inject,
  Logger,
  Post,
  Query,
  Redirect,
  Req,
  Res,
} from '@nestjs/common';
import { Public } from '../decorators/public.decorator.js';
import { revokeSessionOf } from '../revocation/revoke-user.js';
import { COGNITO_REVOCATION_STORE, type RevocationStore } from '../revocation/revocation.store.js';
import { CognitoTokenVerifier } from '../tokens/cognito-token-verifier.js';
import { appendSetCookies, type CookieRequest, type CookieResponse, parseCookies } from './cookies.js';
import { isCrossOrigin } from './csrf.js';
import { IdTokenVerifier } from './id-token.verifier.js';
import { exchangeCode, revokeRefreshToken } from './oauth-endpoints.js';
import {
  clearedSessionCookies,
  clearedTransactionCookie,
  sessionCookies,
  transactionCookie,
} from './session-cookies.js';
import { newTransaction, openTransaction, pkceChallenge, sameValue, sealTransaction } from './transaction.js';
import { WEB_LOGIN_OPTIONS } from './web-login.constants.js';
import { WebLoginException } from './web-login.errors.js';
import { isLocalPath, type ResolvedWebLoginOptions } from './web-login.options.js';

/** Where `@Redirect()` sends the browser. */
interface RedirectTo {
  url: string;
  statusCode: number;
}

/** The longest authorization code the callback takes (Cognito's are 36 characters). */
const MAX_CODE_LENGTH = 512;

/**
 * The backend-for-frontend login through Cognito's managed login: `GET /auth/oauth/login` sends
 * the browser to Cognito, `GET /auth/oauth/callback` takes it back with the tokens in httpOnly
 * cookies, `POST /auth/oauth/logout` ends the session. Public: these routes are how a browser
 * gets a session, so the global guard lets them through.
 */
@Controller('auth/oauth')
@Public()
export class WebLoginController {
  private readonly logger = new Logger('CognitoWebLogin');

  constructor(
    @Inject(WEB_LOGIN_OPTIONS) private readonly options: ResolvedWebLoginOptions,
    private readonly idTokens: IdTokenVerifier,
    private readonly accessTokens: CognitoTokenVerifier,
    @Inject(COGNITO_REVOCATION_STORE) private readonly revocations: RevocationStore,
  ) {}

  /**
   * Starts a login: a new `state`, `nonce` and PKCE verifier, sealed in the transaction cookie,
   * and a redirect to Cognito's authorize endpoint with the S256 challenge. `returnTo` (a path of
   * this site) is where the browser lands afterwards.
   */
  @Get('login')
  @Header('Cache-Control', 'no-store')
  @Redirect()
  login(
    @Query('returnTo') returnTo: unknown,
    @Res({ passthrough: true }) response: CookieResponse,
  ): RedirectTo {
    if (returnTo !== undefined && !isLocalPath(returnTo)) throw new WebLoginException('INVALID_RETURN_PATH');
    const o = this.options;
    const transaction = newTransaction(returnTo ?? o.postLoginRedirect, o.loginTimeoutSeconds);
    appendSetCookies(response, [
      transactionCookie(o, sealTransaction(transaction, o.keys, o.cookie.names.transaction)),
    ]);
    const url = new URL(o.endpoints.authorize);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: o.clientId,
      redirect_uri: o.redirectUri,
      scope: o.scopes.join(' '),
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: pkceChallenge(transaction.verifier),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.href, statusCode: HttpStatus.FOUND };
  }

  /**
   * Cognito's redirect back: the transaction cookie must open and its `state` match (else the
   * transaction is left for the real answer); then it is spent, the code is exchanged with the
   * PKCE verifier, the ID token's `nonce` checked, and the session cookies set.
   */
  @Get('callback')
  @Header('Cache-Control', 'no-store')
  @Redirect()
  async callback(
    @Query() query: Record<string, unknown>,
    @Req() request: CookieRequest,
    @Res({ passthrough: true }) response: CookieResponse,
  ): Promise<RedirectTo> {
    const o = this.options;
    const sealed = parseCookies(request.headers.cookie).get(o.cookie.names.transaction);
    const transaction = openTransaction(sealed, o.keys, o.cookie.names.transaction);
    if (!transaction) {
      if (sealed !== undefined) appendSetCookies(response, [clearedTransactionCookie(o)]);
      throw new WebLoginException('LOGIN_TRANSACTION_INVALID');
    }
    if (typeof query.state !== 'string' || !sameValue(query.state, transaction.state)) {
      throw new WebLoginException('LOGIN_STATE_MISMATCH');
    }
    appendSetCookies(response, [clearedTransactionCookie(o)]);
    if (query.error !== undefined) throw new WebLoginException('LOGIN_DENIED');
    const code = query.code;
    if (typeof code !== 'string' || code.length === 0 || code.length > MAX_CODE_LENGTH) {
      throw new WebLoginException('LOGIN_CODE_REJECTED');
    }
    const answer = await exchangeCode(o, code, transaction.verifier);
    if ('error' in answer) {
      if (answer.error === 'invalid_grant') throw new WebLoginException('LOGIN_CODE_REJECTED');
      throw new WebLoginException(
        answer.error === 'unavailable' ? 'COGNITO_UNAVAILABLE' : 'CLIENT_MISCONFIGURED',
      );
    }
    const { idToken } = answer.tokens;
    if (!idToken || !(await this.idTokens.matches(idToken, transaction.nonce))) {
      throw new WebLoginException('LOGIN_NONCE_MISMATCH');
    }
    appendSetCookies(response, sessionCookies(o, answer.tokens));
    return { url: transaction.returnTo, statusCode: HttpStatus.SEE_OTHER };
  }

  /**
   * Ends the session: the refresh token is revoked at Cognito (and the access token's sign-in
   * recorded in the revocation store, so the guard refuses it at once), the cookies cleared, and
   * the browser sent through Cognito's `/logout` (ending the managed login's session too) to
   * `postLogoutRedirect`. A POST, from this site only: a link elsewhere cannot sign users out.
   */
  @Post('logout')
  @Header('Cache-Control', 'no-store')
  @Redirect()
  async logout(
    @Req() request: CookieRequest,
    @Res({ passthrough: true }) response: CookieResponse,
  ): Promise<RedirectTo> {
    const o = this.options;
    const cookies = parseCookies(request.headers.cookie);
    const access = cookies.get(o.cookie.names.access);
    const refresh = cookies.get(o.cookie.names.refresh);
    if ((access !== undefined || refresh !== undefined) && isCrossOrigin(request.headers, o.trustedOrigins)) {
      throw new WebLoginException('CSRF_REJECTED');
    }
    if (refresh !== undefined) await revokeRefreshToken(o, refresh);
    if (access !== undefined) await this.forgetAccessToken(access);
    appendSetCookies(response, clearedSessionCookies(o));
    if (!o.signOutOfManagedLogin) return { url: o.postLogoutRedirect, statusCode: HttpStatus.SEE_OTHER };
    const url = new URL(o.endpoints.logout);
    url.search = new URLSearchParams({ client_id: o.clientId, logout_uri: o.postLogoutRedirect }).toString();
    return { url: url.href, statusCode: HttpStatus.SEE_OTHER };
  }

  /** Records the sign-in of a (verified) access token as revoked; a cookie that does not verify records nothing. */
  private async forgetAccessToken(accessToken: string): Promise<void> {
    try {
      await this.accessTokens.verify(accessToken);
    } catch {
      return;
    }
    try {
      await revokeSessionOf(this.revocations, accessToken);
    } catch {
      // The sign-out goes on (Cognito has revoked the refresh token, the cookies are cleared); the
      // guard, which cannot reach the store either, answers 503 meanwhile.
      this.logger.warn('Recording a web sign-out in the revocation store failed');
    }
  }
}
