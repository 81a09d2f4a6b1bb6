import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import { authorizeEndpoint } from './authorize.js';
import { AuthorizationCodes } from './codes.js';
import { loginAction, loginPage } from './login.js';
import { LoginSessions } from './login-sessions.js';
import { logoutEndpoint } from './logout.js';
import { revokeEndpoint } from './revoke.js';
import { userInfoEndpoint } from './userinfo.js';
import { OAuthError } from './errors.js';
import { sendOAuthError, sendOAuthJson } from './http.js';
import { tokenEndpoint } from './token-endpoint.js';

/** The paths a browser navigates to (rather than an app's requests). */
const PAGES = new Set(['/oauth2/authorize', '/login', '/logout']);

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** A route: the methods it answers; any other is 405. */
interface Route {
  methods: readonly string[];
  handler: Handler;
}

/**
 * The OAuth 2.0 endpoints and the managed login, on the emulator's port at the paths AWS serves on
 * a pool's domain. Their state (authorization codes, managed-login sessions) lives here, in
 * memory, like challenge sessions.
 */
export class OAuthEndpoints {
  readonly codes: AuthorizationCodes;
  readonly logins: LoginSessions;
  private readonly routes: Record<string, Route>;

  constructor(ctx: EmulatorContext) {
    const state = { codes: new AuthorizationCodes(ctx.now), logins: new LoginSessions(ctx.now) };
    this.codes = state.codes;
    this.logins = state.logins;
    const userInfo: Handler = async (req, res) => userInfoEndpoint(ctx, req, res);
    this.routes = {
      '/oauth2/token': {
        methods: ['POST'],
        handler: (req, res) => tokenEndpoint(ctx, state.codes, req, res),
      },
      '/oauth2/authorize': {
        methods: ['GET'],
        handler: (req, res, url) => authorizeEndpoint(ctx, state, req, res, url),
      },
      '/login': {
        methods: ['GET', 'POST'],
        handler: async (req, res, url) =>
          req.method === 'POST' ? loginAction(ctx, state, req, res, url) : loginPage(ctx, req, res, url),
      },
      '/logout': {
        methods: ['GET'],
        handler: async (req, res, url) => logoutEndpoint(ctx, state.logins, req, res, url),
      },
      '/oauth2/userInfo': { methods: ['GET', 'POST'], handler: userInfo },
      '/oauth2/revoke': { methods: ['POST'], handler: (req, res) => revokeEndpoint(ctx, req, res) },
    };
  }

  /** Whether a path is a page of the managed login (a browser's, whose forms post to it). */
  isPage(pathname: string): boolean {
    return PAGES.has(pathname);
  }

  /** Whether a path is one of these endpoints. */
  handles(pathname: string): boolean {
    return Object.hasOwn(this.routes, pathname);
  }

  /** Answers a request to one of these endpoints; OAuth errors as RFC 6749's JSON. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, headers: Record<string, string>) {
    const route = this.routes[url.pathname]!;
    if (!route.methods.includes(req.method ?? '')) {
      req.resume();
      const allow = { allow: route.methods.join(', '), ...headers };
      return sendOAuthJson(res, 405, { error: 'invalid_request' }, allow);
    }
    // CORS headers of the request (token, userInfo and revocation requests may come from a browser app).
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    try {
      await route.handler(req, res, url);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      req.resume();
      sendOAuthError(res, error);
    }
  }
}
