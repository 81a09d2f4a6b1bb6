import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Cognito's `AttributeNameType`: 1-32 letters, marks, symbols, numbers or punctuation. */
const ATTRIBUTE_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,32}$/u;

/**
 * Attributes in one request: Cognito's pools have at most 50 custom attributes beside the ~20
 * standard ones, so no legitimate request names more.
 */
export const MAX_ATTRIBUTES = 100;

/** Cognito's `AttributeValueType`: at most 2048 characters. */
export const MAX_ATTRIBUTE_VALUE_LENGTH = 2048;

/**
 * Whether a value is an object of at most `MAX_ATTRIBUTES` entries whose keys are attribute names
 * and whose values are strings of at most 2048 characters.
 */
export function isStringRecord(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length <= MAX_ATTRIBUTES &&
    Object.entries(value).every(
      ([key, v]) =>
        ATTRIBUTE_NAME.test(key) && typeof v === 'string' && v.length <= MAX_ATTRIBUTE_VALUE_LENGTH,
    )
  );
}

/**
 * An object of at most 100 entries whose keys are attribute names (Cognito's pattern, 1-32
 * characters) and whose values are strings of at most 2048 characters.
 */
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
          `${args?.property} must map at most ${MAX_ATTRIBUTES} attribute names (1-32 characters, no spaces or control characters) to strings of at most ${MAX_ATTRIBUTE_VALUE_LENGTH} characters`,
      },
    });
}
