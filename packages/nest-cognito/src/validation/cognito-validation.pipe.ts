import {
  type ArgumentMetadata,
  HttpException,
  HttpStatus,
  type ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { CognitoException } from '../errors/cognito.exception.js';
import { findHostileInput } from './hostile-input.js';

const failed = (problems: string[]) =>
  new CognitoException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', problems);

/**
 * The pipe nest-cognito's controllers validate bodies, queries and path parameters with: unknown
 * properties are refused, and bad input is a 400 `{ statusCode, code: 'VALIDATION_FAILED',
 * message: [every problem] }`. Values are never echoed back (a password may be among them).
 *
 * Before class-transformer and class-validator see a value, it is checked for what they cannot
 * take (see `findHostileInput`): nesting deeper than any DTO, keys naming `Object.prototype`
 * members, lone surrogates. Whatever they throw on hostile input is a 400 too, never a 500.
 */
export class CognitoValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => failed(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problems = findHostileInput(value, ROOTS[metadata.type]);
      if (problems.length > 0) throw failed(problems);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof HttpException) throw error;
      throw failed([`the ${ROOTS[metadata.type as keyof typeof ROOTS] ?? 'input'} could not be validated`]);
    }
  }
}

const ROOTS = { body: 'body', query: 'query', param: 'path' } as const;

/** The pipe of nest-cognito's controllers, for routes of your own that should answer alike. */
export function createCognitoValidationPipe(): ValidationPipe {
  return new CognitoValidationPipe();
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((m) => (prefix ? `${prefix}.${m}` : m)),
    ...flatten(error.children ?? [], prefix ? `${prefix}.${error.property}` : error.property),
  ]);
}
