import { describe, expect, it } from 'vitest';
import { COGNITO_ERROR_TABLE, CognitoException, toCognitoException } from '../src/index.js';

/** An error as the AWS SDK v3 throws it for a Cognito error answer. */
const sdkError = (name: string, message = 'from Cognito') =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });

describe('toCognitoException', () => {
  it.each(Object.entries(COGNITO_ERROR_TABLE))('maps %s to its status and code', (name, { status, code }) => {
    const mapped = toCognitoException(sdkError(name));
    expect(mapped).toBeInstanceOf(CognitoException);
    expect(mapped.getStatus()).toBe(status);
    expect(mapped.getResponse()).toEqual({ statusCode: status, code, message: 'from Cognito' });
    expect(mapped.cognitoName).toBe(name);
  });

  it('maps the client mistakes the issue names to 4xx, never 500', () => {
    const expected: Record<string, number> = {
      UsernameExistsException: 409,
      InvalidPasswordException: 400,
      InvalidParameterException: 400,
      CodeMismatchException: 400,
      ExpiredCodeException: 400,
      NotAuthorizedException: 401,
      UserNotConfirmedException: 403,
      PasswordResetRequiredException: 403,
      LimitExceededException: 429,
      TooManyRequestsException: 429,
      TooManyFailedAttemptsException: 429,
    };
    for (const [name, status] of Object.entries(expected))
      expect(toCognitoException(sdkError(name)).getStatus()).toBe(status);
    for (const { status } of Object.values(COGNITO_ERROR_TABLE)) expect(status).not.toBe(500);
  });

  it('errors that show the server’s app client is misconfigured are 502 CLIENT_MISCONFIGURED, without details', () => {
    for (const [name, message] of [
      ['NotAuthorizedException', 'Unable to verify secret hash for client abc'],
      ['NotAuthorizedException', 'Client abc is configured with secret but SECRET_HASH was not received'],
      ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'],
    ] as const) {
      expect(toCognitoException(sdkError(name, message)).getResponse()).toEqual({
        statusCode: 502,
        code: 'CLIENT_MISCONFIGURED',
        message: 'The server’s Cognito app client is misconfigured.',
      });
    }
    expect(
      toCognitoException(sdkError('NotAuthorizedException', 'Incorrect username or password.')).getStatus(),
    ).toBe(401);
  });

  it('an unknown Cognito error is 502 COGNITO_ERROR with a generic message', () => {
    const mapped = toCognitoException(sdkError('SomethingNewException', 'internal detail'));
    expect(mapped.getStatus()).toBe(502);
    expect(mapped.getResponse()).toEqual({
      statusCode: 502,
      code: 'COGNITO_ERROR',
      message: 'Cognito rejected the request.',
    });
  });

  it('network failures and time-outs are 503 COGNITO_UNAVAILABLE', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }),
      Object.assign(new Error('fetch failed'), {
        cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }),
      }),
    ]) {
      expect(toCognitoException(error).getResponse()).toMatchObject({
        statusCode: 503,
        code: 'COGNITO_UNAVAILABLE',
      });
    }
  });

  it('anything else is 502 without its message (nothing internal leaks)', () => {
    const mapped = toCognitoException(new TypeError('secret internals'));
    expect(mapped.getResponse()).toEqual({
      statusCode: 502,
      code: 'COGNITO_ERROR',
      message: 'Cognito failed to answer.',
    });
  });
});
