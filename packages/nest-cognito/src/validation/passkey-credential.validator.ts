import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * The largest passkey credential taken, as JSON: a registration with `none` attestation is under
 * 1 KiB, one with a packed attestation and its certificate chain a few KiB; 16 KiB leaves room for
 * both and keeps a request of junk from reaching Cognito.
 */
export const MAX_CREDENTIAL_BYTES = 16 * 1024;

/** WebAuthn credential ids are at most 1023 bytes: 1364 characters of base64url. */
const CREDENTIAL_ID = /^[A-Za-z0-9_-]{1,1364}$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a value has the outline of `PublicKeyCredential.toJSON()` (RegistrationResponseJSON or
 * AuthenticationResponseJSON): an object with a base64url `id`, `type` `public-key` and a
 * `response` object, at most `MAX_CREDENTIAL_BYTES` as JSON. Cognito checks the rest.
 */
export function isPasskeyCredential(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if (typeof value.id !== 'string' || !CREDENTIAL_ID.test(value.id)) return false;
  if (value.type !== 'public-key' || !isPlainObject(value.response)) return false;
  return Buffer.byteLength(JSON.stringify(value)) <= MAX_CREDENTIAL_BYTES;
}

/** A passkey credential as the browser serializes it; see `isPasskeyCredential`. */
export function IsPasskeyCredential(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPasskeyCredential',
      target: target.constructor,
      propertyName: propertyName as string,
      ...(options ? { options } : {}),
      validator: {
        validate: isPasskeyCredential,
        defaultMessage: (args) =>
          `${args?.property} must be a passkey credential as PublicKeyCredential.toJSON() gives it (a base64url id, type public-key, a response object), at most ${MAX_CREDENTIAL_BYTES / 1024} KiB`,
      },
    });
}
