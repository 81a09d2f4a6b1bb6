import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Cognito's `AttributeNameType`: 1-32 letters, marks, symbols, numbers or punctuation. */
const ATTRIBUTE_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,32}$/u;

/** Whether a value is an object whose keys are attribute names and whose values are strings. */
export function isStringRecord(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([key, v]) => ATTRIBUTE_NAME.test(key) && typeof v === 'string' && v.length <= 2048,
    )
  );
}

/** An object whose keys are attribute names (Cognito's pattern, 1-32 characters) and whose values are strings. */
export function IsStringRecord(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStringRecord',
      target: target.constructor,
      propertyName: propertyName as string,
      ...(options ? { options } : {}),
      validator: {
        validate: isStringRecord,
        defaultMessage: (args) =>
          `${args?.property} must map attribute names (1-32 characters, no spaces or control characters) to strings of at most 2048 characters`,
      },
    });
}
