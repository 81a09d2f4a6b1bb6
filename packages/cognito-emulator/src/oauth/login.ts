import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import { CognitoError } from '../errors.js';
import { emptyRecord } from '../records.js';
import type { User } from '../services/model.js';
import { confirmForgotPassword, confirmSignUp, forgotPassword, signUp } from './account-actions.js';
import { type AuthorizeRequest, checkAuthorizeRequest } from './authorize-request.js';
import { answerProblem, SESSION_COOKIE } from './authorize.js';
import type { AuthorizationCodes } from './codes.js';
import { completeAuthorization } from './completion.js';
import { cookie, cookiesOf } from './cookies.js';
import { OAuthError } from './errors.js';
import {
  confirmPage,
  errorPage,
  type FormContext,
  forgotPage,
  mfaPage,
  newPasswordPage,
  type Notice,
  resetPage,
  selectMfaPage,
  signInPage,
  signUpPage,
} from './html.js';
import { readForm, sendHtml } from './http.js';
import { type LoginOutcome, mfaStep, newPasswordStep, passwordStep, selectMfaStep } from './login-auth.js';
import { LOGIN_SESSION_SECONDS, type LoginSessions } from './login-sessions.js';

/** The CSRF cookie of the managed login's forms (as AWS names it); each form echoes it as `_csrf`. */
const CSRF_COOKIE = 'XSRF-TOKEN';

interface LoginState {
  codes: AuthorizationCodes;
  logins: LoginSessions;
}

/** A page and its status. */
type Page = [number, string];

/** The CSRF token of this browser, and the cookie to set when it had none. */
function csrfOf(req: IncomingMessage): { token: string; cookies: string[] } {
  const existing = cookiesOf(req).get(CSRF_COOKIE);
  if (existing && /^[\w-]{20,100}$/.test(existing)) return { token: existing, cookies: [] };
  const token = randomBytes(24).toString('base64url');
  return { token, cookies: [cookie(CSRF_COOKIE, token, LOGIN_SESSION_SECONDS)] };
}

/** Whether a form's `_csrf` is the browser's CSRF cookie (double submit), compared in constant time. */
function csrfMatches(req: IncomingMessage, form: URLSearchParams): boolean {
  const expected = cookiesOf(req).get(CSRF_COOKIE);
  const given = form.get('_csrf');
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /login`: the sign-in form (or, with `screen=signup` / `screen=forgot`, sign-up and forgotten
 * password) of a checked authorization request.
 */
export function loginPage(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  req.resume();
  const request = checkAuthorizeRequest(ctx, url.searchParams);
  if ('kind' in request) return answerProblem(res, request);
  const csrf = csrfOf(req);
  const form: FormContext = { query: request.query, csrf: csrf.token };
  const screen = url.searchParams.get('screen');
  const html =
    screen === 'signup' ? signUpPage(form) : screen === 'forgot' ? forgotPage(form) : signInPage(form);
  sendHtml(res, 200, html, csrf.cookies);
}

/**
 * `POST /login`: one action of the managed login (sign in and its next steps, sign up, confirm,
 * forgotten password), CSRF-checked. A step that signs the user in starts the managed-login
 * session (its cookie) and ends the authorization request; anything else shows the next page, or
 * the same one with Cognito's error message.
 */
export async function loginAction(
  ctx: EmulatorContext,
  state: LoginState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const request = checkAuthorizeRequest(ctx, url.searchParams);
  if ('kind' in request) {
    req.resume();
    return answerProblem(res, request);
  }
  let form: URLSearchParams;
  try {
    form = await readForm(req);
  } catch (error) {
    if (error instanceof OAuthError)
      return sendHtml(res, 400, errorPage('invalid_request', 'Send the form.'));
    throw error;
  }
  if (!csrfMatches(req, form)) {
    return sendHtml(
      res,
      403,
      errorPage('invalid_request', 'The form expired or came from elsewhere: reload it.'),
    );
  }
  const page: FormContext = { query: request.query, csrf: form.get('_csrf')! };
  const shown = await runAction(ctx, request, page, form);
  if (Array.isArray(shown)) return sendHtml(res, shown[0], shown[1]);
  const authTime = Math.floor(ctx.now() / 1000);
  const session = state.logins.start({ poolId: request.pool.id, username: shown.user.username, authTime });
  const cookies = [cookie(SESSION_COOKIE, session, LOGIN_SESSION_SECONDS)];
  await completeAuthorization(ctx, state.codes, res, request, { user: shown.user, authTime }, cookies);
}

/** Runs a form's action: the page to show next, or the user now signed in. */
async function runAction(
  ctx: EmulatorContext,
  request: AuthorizeRequest,
  page: FormContext,
  form: URLSearchParams,
): Promise<Page | { user: User }> {
  const login = { pool: request.pool, client: request.client };
  const value = (name: string) => form.get(name)?.trim() ?? '';
  const secret = (name: string) => form.get(name) ?? '';
  const action = form.get('action');
  // The page an error of this action is shown on.
  let retry: (notice: Notice) => string = (notice) => signInPage(page, notice);
  try {
    switch (action) {
      case 'signIn':
        return outcomePage(page, await passwordStep(ctx, login, value('username'), secret('password')));
      case 'newPassword': {
        const step = value('step');
        const attributes = attributesOf(form);
        retry = (notice) => newPasswordPage(page, step, Object.keys(attributes), notice);
        return outcomePage(page, await newPasswordStep(ctx, login, step, secret('password'), attributes));
      }
      case 'mfa': {
        const step = value('step');
        const pending = ctx.challenges.get(step);
        retry = (notice) => mfaPage(page, step, pending.challenge, undefined, notice);
        return outcomePage(page, await mfaStep(ctx, login, step, value('code')));
      }
      case 'selectMfa':
        return outcomePage(page, await selectMfaStep(ctx, login, value('step'), value('factor')));
      case 'signUp': {
        retry = (notice) => signUpPage(page, notice);
        const email = value('email');
        const { confirmed } = await signUp(ctx, request.client, email, secret('password'));
        if (confirmed) return [200, signInPage(page, { note: 'Your account is ready. Sign in.' })];
        return [200, confirmPage(page, email, { note: 'We sent a code: enter it to confirm your account.' })];
      }
      case 'confirm': {
        const username = value('username');
        retry = (notice) => confirmPage(page, username, notice);
        await confirmSignUp(ctx, request.client, username, value('code'));
        return [200, signInPage(page, { note: 'Your account is confirmed. Sign in.' })];
      }
      case 'forgot': {
        const username = value('username');
        retry = (notice) => forgotPage(page, notice);
        await forgotPassword(ctx, request.client, username);
        return [200, resetPage(page, username, { note: 'If the account exists, we sent it a code.' })];
      }
      case 'reset': {
        const username = value('username');
        retry = (notice) => resetPage(page, username, notice);
        await confirmForgotPassword(ctx, request.client, username, value('code'), secret('password'));
        return [200, signInPage(page, { note: 'Your password was changed. Sign in.' })];
      }
      default:
        return [400, errorPage('invalid_request', 'Unknown action.')];
    }
  } catch (error) {
    if (error instanceof CognitoError && error.statusCode < 500)
      return [400, retry({ error: error.message })];
    throw error;
  }
}

/** `userAttributes.<name>` fields of a form, by name. */
function attributesOf(form: URLSearchParams): Record<string, string> {
  const attributes = emptyRecord<string>();
  for (const [key, value] of form) {
    if (key.startsWith('userAttributes.')) attributes[key.slice('userAttributes.'.length)] = value;
  }
  return attributes;
}

/** The page a step leads to, or the signed-in user. */
function outcomePage(page: FormContext, outcome: LoginOutcome): Page | { user: User } {
  switch (outcome.kind) {
    case 'signedIn':
      return { user: outcome.user };
    case 'newPassword':
      return [200, newPasswordPage(page, outcome.step, outcome.attributes)];
    case 'mfa':
      return [200, mfaPage(page, outcome.step, outcome.challenge, outcome.destination)];
    case 'selectMfa':
      return [200, selectMfaPage(page, outcome.step, outcome.choices)];
  }
}
