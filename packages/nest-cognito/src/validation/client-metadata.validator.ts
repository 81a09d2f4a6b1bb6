import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Bounds of the `clientMetadata` handed to a pool's triggers. Cognito's model puts none on
 * `ClientMetadata` (a map of strings); these keep a request small: an application's triggers read
 * a few named values (a redirect URL, the app's name), not a document.
 */
export const MAX_CLIENT_METADATA_ENTRIES = 50;
export const MAX_CLIENT_METADATA_KEY_LENGTH = 128;
export const MAX_CLIENT_METADATA_VALUE_LENGTH = 2048;

/** A key: 1..128 characters, no control characters or whitespace. */
const KEY = /^[^\p{Cc}\s]+$/u;

/** Whether a value is an object of at most 50 entries, keys 1..128 characters, values strings of at most 2048. */
export function isClientMetadata(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= MAX_CLIENT_METADATA_ENTRIES &&
    entries.every(
      ([key, v]) =>
        key.length <= MAX_CLIENT_METADATA_KEY_LENGTH &&
        KEY.test(key) &&
        typeof v === 'string' &&
        v.length <= MAX_CLIENT_METADATA_VALUE_LENGTH,
    )
  );
}

/** `clientMetadata`: a map of at most 50 names (1..128 characters) to strings of at most 2048. */
export function IsClientMetadata(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isClientMetadata',
      target: target.constructor,
      propertyName: propertyName as string,
      ...(options ? { options } : {}),
      validator: {
        validate: isClientMetadata,
        defaultMessage: (args) =>
          `${args?.property} must map at most ${MAX_CLIENT_METADATA_ENTRIES} names (1-${MAX_CLIENT_METADATA_KEY_LENGTH} characters, no spaces or control characters) to strings of at most ${MAX_CLIENT_METADATA_VALUE_LENGTH} characters`,
      },
    });
}
