import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COGNITO_ERROR_CODES,
  COGNITO_ERROR_TABLE,
  type CognitoErrorCode,
  CognitoException,
  errorBodyOf,
  isCognitoError,
  toCognitoException,
} from '../src/index.js';

/** An error as the AWS SDK v3 throws it for a Cognito error answer. */
const sdkError = (name: string, message = 'from Cognito') =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });

/** The mapping, written out here: a test whose expected values came from the table would pass any table. */
const EXPECTED: [name: string, status: number, code: string][] = [
  ['UsernameExistsException', 409, 'USERNAME_EXISTS'],
  ['AliasExistsException', 409, 'ALIAS_EXISTS'],
  ['GroupExistsException', 409, 'GROUP_EXISTS'],
  ['InvalidPasswordException', 400, 'INVALID_PASSWORD'],
  ['PasswordHistoryPolicyViolationException', 400, 'INVALID_PASSWORD'],
  ['InvalidParameterException', 400, 'INVALID_PARAMETER'],
  ['CodeMismatchException', 400, 'CODE_MISMATCH'],
  ['ExpiredCodeException', 400, 'EXPIRED_CODE'],
  ['CodeDeliveryFailureException', 502, 'CODE_DELIVERY_FAILED'],
  ['NotAuthorizedException', 401, 'NOT_AUTHORIZED'],
  ['RefreshTokenReuseException', 401, 'NOT_AUTHORIZED'],
  ['UserNotConfirmedException', 403, 'USER_NOT_CONFIRMED'],
  ['PasswordResetRequiredException', 403, 'PASSWORD_RESET_REQUIRED'],
  ['UserNotFoundException', 404, 'USER_NOT_FOUND'],
  ['ResourceNotFoundException', 404, 'RESOURCE_NOT_FOUND'],
  ['LimitExceededException', 429, 'TOO_MANY_REQUESTS'],
  ['TooManyRequestsException', 429, 'TOO_MANY_REQUESTS'],
  ['TooManyFailedAttemptsException', 429, 'TOO_MANY_FAILED_ATTEMPTS'],
  ['InvalidUserPoolConfigurationException', 502, 'POOL_MISCONFIGURED'],
  ['UnsupportedOperationException', 501, 'UNSUPPORTED_OPERATION'],
  ['OperationNotEnabledException', 501, 'UNSUPPORTED_OPERATION'],
  ['InternalErrorException', 502, 'COGNITO_INTERNAL_ERROR'],
  ['UnsupportedUserStateException', 409, 'UNSUPPORTED_USER_STATE'],
  ['UnsupportedTokenTypeException', 400, 'UNSUPPORTED_TOKEN_TYPE'],
  ['UserLambdaValidationException', 400, 'REJECTED_BY_TRIGGER'],
  ['InvalidLambdaResponseException', 502, 'TRIGGER_FAILED'],
  ['UnexpectedLambdaException', 502, 'TRIGGER_FAILED'],
  ['InvalidSmsRoleAccessPolicyException', 502, 'POOL_MISCONFIGURED'],
  ['InvalidSmsRoleTrustRelationshipException', 502, 'POOL_MISCONFIGURED'],
  ['InvalidEmailRoleAccessPolicyException', 502, 'POOL_MISCONFIGURED'],
  ['InvalidOAuthFlowException', 502, 'POOL_MISCONFIGURED'],
  ['FeatureUnavailableInTierException', 502, 'POOL_MISCONFIGURED'],
  ['ForbiddenException', 403, 'FORBIDDEN'],
  ['UnauthorizedException', 502, 'CLIENT_MISCONFIGURED'],
  ['ConcurrentModificationException', 409, 'CONCURRENT_MODIFICATION'],
  ['DeviceKeyExistsException', 409, 'DEVICE_KEY_EXISTS'],
  ['UserImportInProgressException', 409, 'USER_IMPORT_IN_PROGRESS'],
  ['PreconditionNotMetException', 412, 'PRECONDITION_NOT_MET'],
  ['MFAMethodNotFoundException', 400, 'MFA_METHOD_NOT_FOUND'],
  ['SoftwareTokenMFANotFoundException', 400, 'MFA_METHOD_NOT_FOUND'],
  ['EnableSoftwareTokenMFAException', 400, 'CODE_MISMATCH'],
  ['WebAuthnNotEnabledException', 400, 'WEB_AUTHN_NOT_ENABLED'],
  ['WebAuthnConfigurationMissingException', 502, 'POOL_MISCONFIGURED'],
  ['WebAuthnChallengeNotFoundException', 400, 'WEB_AUTHN_CHALLENGE_NOT_FOUND'],
  ['WebAuthnClientMismatchException', 400, 'WEB_AUTHN_CLIENT_MISMATCH'],
  ['WebAuthnOriginNotAllowedException', 400, 'WEB_AUTHN_ORIGIN_NOT_ALLOWED'],
  ['WebAuthnRelyingPartyMismatchException', 400, 'WEB_AUTHN_RELYING_PARTY_MISMATCH'],
  ['WebAuthnCredentialNotSupportedException', 400, 'WEB_AUTHN_CREDENTIAL_NOT_SUPPORTED'],
  ['MissingAuthenticationTokenException', 502, 'AWS_CREDENTIALS_MISSING'],
  ['AccessDeniedException', 502, 'AWS_ACCESS_DENIED'],
  ['UnrecognizedClientException', 502, 'AWS_ACCESS_DENIED'],
  ['ExpiredTokenException', 502, 'AWS_CREDENTIALS_EXPIRED'],
];

describe('toCognitoException', () => {
  it.each(EXPECTED)('maps %s to %i %s', (name, status, code) => {
    const mapped = toCognitoException(sdkError(name));
    expect(mapped).toBeInstanceOf(CognitoException);
    expect(mapped.getStatus()).toBe(status);
    expect(mapped.getResponse()).toEqual({ statusCode: status, code, message: 'from Cognito' });
    expect(mapped.cognitoName).toBe(name);
    expect(isCognitoError(mapped, code as CognitoErrorCode)).toBe(true);
  });

  it('the table holds exactly these errors, and every code’s status is the one COGNITO_ERROR_CODES gives', () => {
    expect(Object.keys(COGNITO_ERROR_TABLE).sort()).toEqual(EXPECTED.map(([name]) => name).sort());
    for (const [name, status, code] of EXPECTED) {
      expect(COGNITO_ERROR_TABLE[name as keyof typeof COGNITO_ERROR_TABLE]).toEqual({ status, code });
      expect(COGNITO_ERROR_CODES[code as keyof typeof COGNITO_ERROR_CODES]).toBe(status);
    }
  });

  it('every error the SDK lists for the sign-in, MFA and passkey operations is in the table (none falls to 502 COGNITO_ERROR)', () => {
    const commands = [
      'InitiateAuth',
      'AdminInitiateAuth',
      'RespondToAuthChallenge',
      'AdminRespondToAuthChallenge',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'SetUserMFAPreference',
      'AdminSetUserMFAPreference',
      'GetUser',
      'AdminGetUser',
      'GetUserAuthFactors',
      'AdminGetUserAuthFactors',
      'StartWebAuthnRegistration',
      'CompleteWebAuthnRegistration',
      'ListWebAuthnCredentials',
      'DeleteWebAuthnCredential',
    ];
    const require = createRequire(import.meta.url);
    const sdk = dirname(require.resolve('@aws-sdk/client-cognito-identity-provider/package.json'));
    const missing = commands.flatMap((command) => {
      const types = readFileSync(join(sdk, 'dist-types/commands', `${command}Command.d.ts`), 'utf8');
      const thrown = [...types.matchAll(/@throws \{@link (\w+)\}/g)].map((match) => match[1]!);
      expect(thrown.length, command).toBeGreaterThan(3);
      return thrown
        .filter((name) => name !== 'CognitoIdentityProviderServiceException')
        .filter((name) => !Object.hasOwn(COGNITO_ERROR_TABLE, name))
        .map((name) => `${command}: ${name}`);
    });
    expect(missing).toEqual([]);
  });

  it('a request Cognito refuses for its size (413) is 413 PAYLOAD_TOO_LARGE, any other SerializationException 502', () => {
    const tooLarge = Object.assign(new Error('Request body is larger than 1048576 bytes.'), {
      name: 'SerializationException',
      $fault: 'client',
      $metadata: { httpStatusCode: 413 },
    });
    expect(toCognitoException(tooLarge).getResponse()).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request is too large for Cognito.',
    });
    // A wrong JSON type can only be nest-cognito's own mistake: the server's, 502.
    expect(toCognitoException(sdkError('SerializationException')).getStatus()).toBe(502);
  });

  it('isCognitoError tells errors apart by class and code, and narrows the code', () => {
    const notFound = toCognitoException(sdkError('UserNotFoundException'));
    expect(isCognitoError(notFound)).toBe(true);
    expect(isCognitoError(notFound, 'USER_NOT_FOUND')).toBe(true);
    expect(isCognitoError(notFound, 'GROUP_EXISTS', 'USER_NOT_FOUND')).toBe(true);
    expect(isCognitoError(notFound, 'GROUP_EXISTS')).toBe(false);
    // The same body from another class is not one: callers test the type, not free text.
    expect(isCognitoError(new HttpException({ code: 'USER_NOT_FOUND' }, 404), 'USER_NOT_FOUND')).toBe(false);
    expect(isCognitoError(Object.assign(new Error('x'), { code: 'USER_NOT_FOUND' }))).toBe(false);
    const made = CognitoException.of('VALIDATION_FAILED', ['bad']);
    expect(made.getStatus()).toBe(400);
    expect(made.code).toBe('VALIDATION_FAILED');
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

describe('toCognitoException for missing AWS credentials', () => {
  it('the default provider chain’s error is 502 AWS_CREDENTIALS_MISSING, saying what is missing', () => {
    const chainError = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
      tryNextLink: false,
    });
    const mapped = toCognitoException(chainError);
    expect(mapped.getResponse()).toEqual({
      statusCode: 502,
      code: 'AWS_CREDENTIALS_MISSING',
      message: expect.stringMatching(/AWS SDK default provider chain found none/),
    });
  });
});

describe('errorBodyOf', () => {
  const parserError = (fields: object) => Object.assign(new Error('Unexpected token s3cret in JSON'), fields);

  it('names the cause of a parser’s error without its message (which may quote the body)', () => {
    const cases: [unknown, number, string][] = [
      [parserError({ type: 'entity.parse.failed', status: 400, statusCode: 400 }), 400, 'INVALID_JSON'],
      [parserError({ type: 'entity.too.large', status: 413, statusCode: 413 }), 413, 'PAYLOAD_TOO_LARGE'],
      [parserError({ type: 'charset.unsupported', status: 415 }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [parserError({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }), 400, 'INVALID_JSON'],
      [parserError({ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }), 400, 'EMPTY_JSON_BODY'],
      [parserError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), 413, 'PAYLOAD_TOO_LARGE'],
      [
        parserError({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [parserError({ code: 'FST_ERR_BAD_URL', statusCode: 400 }), 400, 'INVALID_URL'],
      [parserError({ statusCode: 418 }), 418, 'HTTP_418'],
    ];
    for (const [error, status, code] of cases) {
      // As it comes: raw, and wrapped by Nest's adapters in an HttpException whose cause it is.
      for (const thrown of [error, new HttpException('Unexpected token s3cret', status, { cause: error })]) {
        const body = errorBodyOf(thrown);
        expect(body).toMatchObject({ statusCode: status, code });
        expect(JSON.stringify(body)).not.toContain('s3cret');
      }
    }
  });

  it('keeps an HttpException’s message and code; 404 of the router without its query string', () => {
    expect(errorBodyOf(new BadRequestException('Name is taken'))).toEqual({
      statusCode: 400,
      code: 'BAD_REQUEST',
      message: 'Name is taken',
    });
    expect(errorBodyOf(new HttpException({ code: 'MY_CODE', message: ['a', 'b'] }, 409))).toEqual({
      statusCode: 409,
      code: 'MY_CODE',
      message: ['a', 'b'],
    });
    expect(errorBodyOf(new NotFoundException('Cannot GET /x?token=s3cret'))).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Cannot GET /x',
    });
    expect(errorBodyOf(new CognitoException(401, 'NOT_AUTHORIZED', 'no'))).toEqual({
      statusCode: 401,
      code: 'NOT_AUTHORIZED',
      message: 'no',
    });
  });

  it('anything else is 500 INTERNAL_ERROR saying nothing of its cause', () => {
    for (const thrown of [
      new TypeError('secret internals'),
      new RangeError('Maximum call stack'),
      'a string',
      null,
    ]) {
      expect(errorBodyOf(thrown)).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: 'Internal server error.',
      });
    }
  });
});
