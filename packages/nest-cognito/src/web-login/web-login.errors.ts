import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * The `code` of every error the web login answers with, and its status. The body has the library's
 * shape (`{ statusCode, code, message }`) and a fixed message: nothing from the request, the
 * transaction cookie or Cognito's answer is echoed.
 */
export const WEB_LOGIN_ERRORS = {
  /** `returnTo` is not a path of this site. */
  INVALID_RETURN_PATH: {
    status: HttpStatus.BAD_REQUEST,
    message: 'returnTo must be a path of this site (starting with a single /).',
  },
  /** The callback came without a login started from this browser, or its cookie is expired or altered. */
  LOGIN_TRANSACTION_INVALID: {
    status: HttpStatus.BAD_REQUEST,
    message: 'No valid login is in progress in this browser: start again from the login page.',
  },
  /** The callback's `state` is not the one this browser's login sent. */
  LOGIN_STATE_MISMATCH: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The login answer does not belong to the login this browser started.',
  },
  /** Cognito answered the login with an error (the user cancelled, or the client may not do this). */
  LOGIN_DENIED: { status: HttpStatus.UNAUTHORIZED, message: 'The sign-in was not completed.' },
  /** The code was refused at the token endpoint: already used, expired, or not for this login. */
  LOGIN_CODE_REJECTED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The sign-in code was refused: it may have been used already or have expired.',
  },
  /** The ID token's `nonce` is not this login's, or the ID token does not verify. */
  LOGIN_NONCE_MISMATCH: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The sign-in answer does not belong to the login this browser started.',
  },
  /** A cookie-authenticated unsafe request came from another site. */
  CSRF_REJECTED: {
    status: HttpStatus.FORBIDDEN,
    message:
      'Cross-site request refused: this request carries session cookies but comes from another origin.',
  },
  /** The token endpoint refused the app client (secret, OAuth settings): the server's to fix. */
  CLIENT_MISCONFIGURED: {
    status: HttpStatus.BAD_GATEWAY,
    message: 'The server’s Cognito app client is misconfigured for web login.',
  },
  /** Cognito's OAuth endpoints could not be reached or answered nonsense. */
  COGNITO_UNAVAILABLE: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: 'Cognito is unreachable; try again later.',
  },
} as const satisfies Record<string, { status: HttpStatus; message: string }>;

export type WebLoginErrorCode = keyof typeof WEB_LOGIN_ERRORS;

/** An error of the web login: rendered as `{ statusCode, code, message }` with no filter needed. */
export class WebLoginException extends HttpException {
  readonly code: WebLoginErrorCode;

  constructor(code: WebLoginErrorCode, options?: { cause?: unknown }) {
    const { status, message } = WEB_LOGIN_ERRORS[code];
    super({ statusCode: status, code, message }, status, options);
    this.code = code;
  }
}
