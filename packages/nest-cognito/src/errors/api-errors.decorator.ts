import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { COGNITO_ERROR_TABLE, COGNITO_UNAVAILABLE } from './cognito-error-codes.js';
import { HTTP_ERROR_TABLE } from './http-error-codes.js';

/** An error a route may answer, by its `code`, with the situation it describes. */
export type ApiErrorCase = [code: string, when: string];

const EXAMPLE_MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: 'email must be an email',
  INVALID_TOKEN: 'Invalid or expired token.',
  NOT_AUTHORIZED: 'Incorrect username or password.',
  USERNAME_EXISTS: 'An account with the given email already exists.',
  INVALID_PASSWORD: 'Password did not conform with policy: Password not long enough',
  CODE_MISMATCH: 'Invalid verification code provided, please try again.',
  EXPIRED_CODE: 'Invalid code provided, please request a code again.',
  USER_NOT_CONFIRMED: 'User is not confirmed.',
  COGNITO_UNAVAILABLE: 'Cognito is unreachable; try again later.',
  UNSUPPORTED_MEDIA_TYPE: HTTP_ERROR_TABLE.UNSUPPORTED_MEDIA_TYPE.message,
};

const statusOf = (code: string): number =>
  code === 'VALIDATION_FAILED'
    ? 400
    : code === 'INVALID_TOKEN'
      ? 401
      : code === COGNITO_UNAVAILABLE.code
        ? COGNITO_UNAVAILABLE.status
        : ((HTTP_ERROR_TABLE as Record<string, { status: number }>)[code]?.status ??
          Object.values(COGNITO_ERROR_TABLE).find((e) => e.code === code)?.status ??
          502);

/**
 * OpenAPI responses for the errors a route may answer: grouped by status, each with an example
 * body `{ statusCode, code, message }` per code. A 503 for an unreachable Cognito is always added.
 */
export function ApiCognitoErrors(...cases: ApiErrorCase[]): MethodDecorator {
  const all: ApiErrorCase[] = [
    ...cases,
    [COGNITO_UNAVAILABLE.code, 'Cognito cannot be reached or times out.'],
  ];
  const byStatus = new Map<number, ApiErrorCase[]>();
  for (const entry of all)
    byStatus.set(statusOf(entry[0]), [...(byStatus.get(statusOf(entry[0])) ?? []), entry]);
  return applyDecorators(
    ...[...byStatus].map(([status, entries]) =>
      ApiResponse({
        status,
        description: entries.map(([code, when]) => `\`${code}\`: ${when}`).join(' '),
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['statusCode', 'code', 'message'],
              properties: {
                statusCode: { type: 'number', example: status },
                code: { type: 'string', enum: entries.map(([code]) => code) },
                message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
              },
            },
            examples: Object.fromEntries(
              entries.map(([code, when]) => [
                code,
                {
                  summary: when,
                  value: {
                    statusCode: status,
                    code,
                    message:
                      code === 'VALIDATION_FAILED'
                        ? [EXAMPLE_MESSAGES.VALIDATION_FAILED]
                        : (EXAMPLE_MESSAGES[code] ?? when),
                  },
                },
              ]),
            ),
          },
        },
      }),
    ),
  );
}
