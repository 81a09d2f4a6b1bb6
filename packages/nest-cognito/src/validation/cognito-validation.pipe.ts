import {
  type ArgumentMetadata,
  HttpException,
  HttpStatus,
  type ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { CognitoException } from '../errors/cognito.exception.js';
import { findHostileInput, quotedPath } from './hostile-input.js';

/** How many problems a 400 lists: the answer never grows with the input. */
export const MAX_LISTED_PROBLEMS = 10;

const failed = (problems: string[]) =>
  new CognitoException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', listed(problems));

/** The first problems, the last line counting those left out. */
function listed(problems: string[]): string[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const shown = problems.slice(0, MAX_LISTED_PROBLEMS - 1);
  return [...shown, `${problems.length - shown.length} more problems not listed`];
}

/**
 * The pipe nest-cognito's controllers validate bodies, queries and path parameters with: unknown
 * properties are refused, and bad input is a 400 `{ statusCode, code: 'VALIDATION_FAILED',
 * message: [every problem] }`. Values are never echoed back (a password may be among them).
 *
 * Before class-transformer and class-validator see a value, it is checked for what they cannot
 * take (see `findHostileInput`): nesting deeper than any DTO, more keys and elements than any DTO
 * has, overlong keys, keys naming `Object.prototype` members, lone surrogates. Whatever they throw
 * on hostile input is a 400 too, never a 500. The answer is bounded: at most
 * `MAX_LISTED_PROBLEMS` messages, property names quoted to 64 characters.
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

/**
 * Every constraint message, prefixed with the path of its property; property names (which the
 * client chose: an unknown property is named in its message) quoted to `MAX_QUOTED_PATH`.
 */
function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const name = quotedPath(error.property);
    const quote = (message: string) =>
      name === error.property ? message : message.split(error.property).join(name);
    return [
      ...Object.values(error.constraints ?? {}).map((m) => (prefix ? `${prefix}.${quote(m)}` : quote(m))),
      ...flatten(error.children ?? [], quotedPath(prefix ? `${prefix}.${error.property}` : error.property)),
    ];
  });
}
