import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import type { User } from '../services/model.js';
import { type AuthorizeProblem, checkAuthorizeRequest } from './authorize-request.js';
import type { AuthorizationCodes } from './codes.js';
import { completeAuthorization } from './completion.js';
import { cookiesOf } from './cookies.js';
import { errorPage } from './html.js';
import { redirect, sendHtml } from './http.js';
import type { LoginSessions } from './login-sessions.js';

/** The managed login's session cookie (as AWS names it). */
export const SESSION_COOKIE = 'cognito';

/** Shows a problem of an authorization request: its error page, or the redirect of its error. */
export function answerProblem(res: ServerResponse, problem: AuthorizeProblem): void {
  if (problem.kind === 'redirect') return redirect(res, problem.location);
  sendHtml(res, 400, errorPage(problem.error, problem.message));
}

/** Whether a user may still be signed in from an earlier sign-in. */
const maySignIn = (user: User | undefined): user is User =>
  !!user && user.enabled && user.status === 'CONFIRMED';

/**
 * `GET /oauth2/authorize`: the request checked (see `checkAuthorizeRequest`); a user already signed
 * in at the managed login for this pool is authorized at once, anyone else goes to `/login` with
 * the same parameters.
 */
export async function authorizeEndpoint(
  ctx: EmulatorContext,
  state: { codes: AuthorizationCodes; logins: LoginSessions },
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  req.resume();
  const request = checkAuthorizeRequest(ctx, url.searchParams);
  if ('kind' in request) return answerProblem(res, request);
  const session = state.logins.find(cookiesOf(req).get(SESSION_COOKIE), request.pool.id);
  const user = session && ctx.users.findByUsername(request.pool, session.username);
  if (session && maySignIn(user)) {
    return completeAuthorization(ctx, state.codes, res, request, { user, authTime: session.authTime });
  }
  redirect(res, `/login?${request.query}`);
}
