import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import { checkAuthorizeRequest } from './authorize-request.js';
import { answerProblem, SESSION_COOKIE } from './authorize.js';
import { logoutUrls, oauthClient } from './client-settings.js';
import { clearedCookie, cookiesOf } from './cookies.js';
import { errorPage } from './html.js';
import { redirect, sendHtml } from './http.js';
import type { LoginSessions } from './login-sessions.js';

/**
 * `GET /logout`: ends the managed-login session (its cookie cleared), then redirects to
 * `logout_uri`, which must be exactly one of the client's sign-out URLs (else an error page, never
 * a redirect); or, given the parameters of an authorization request instead, shows the sign-in
 * page for it (to sign in as someone else), as AWS does.
 */
export function logoutEndpoint(
  ctx: EmulatorContext,
  logins: LoginSessions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  req.resume();
  const params = url.searchParams;
  const found = oauthClient(ctx, params.get('client_id') ?? undefined);
  if (!found || params.getAll('logout_uri').length > 1) {
    return sendHtml(
      res,
      400,
      errorPage('invalid_request', 'No such app client (or its pool has no domain).'),
    );
  }
  const logoutUri = params.get('logout_uri');
  if (logoutUri === null) {
    const request = checkAuthorizeRequest(ctx, params);
    if ('kind' in request) return answerProblem(res, request);
    logins.end(cookiesOf(req).get(SESSION_COOKIE));
    return redirect(res, `/login?${request.query}`, [clearedCookie(SESSION_COOKIE)]);
  }
  if (!logoutUrls(found.client).includes(logoutUri)) {
    return sendHtml(
      res,
      400,
      errorPage('redirect_mismatch', 'The logout_uri is not one of the app client’s sign-out URLs.'),
    );
  }
  logins.end(cookiesOf(req).get(SESSION_COOKIE));
  redirect(res, logoutUri, [clearedCookie(SESSION_COOKIE)]);
}
