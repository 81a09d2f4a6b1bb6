import { HttpStatus, type ValidationError, ValidationPipe } from '@nestjs/common';
import { CognitoException } from '../errors/cognito.exception.js';

/**
 * The pipe nest-cognito's controllers validate bodies with: unknown properties are refused, and a
 * bad body is a 400 `{ statusCode, code: 'VALIDATION_FAILED', message: [every problem] }`.
 * Values are never echoed back (a password may be among them).
 */
export function createCognitoValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new CognitoException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', flatten(errors)),
  });
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((m) => (prefix ? `${prefix}.${m}` : m)),
    ...flatten(error.children ?? [], prefix ? `${prefix}.${error.property}` : error.property),
  ]);
}
