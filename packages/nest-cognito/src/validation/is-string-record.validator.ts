import { registerDecorator, type ValidationOptions } from 'class-validator';

/** An object whose keys are attribute names (1-32 characters) and whose values are strings. */
export function IsStringRecord(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStringRecord',
      target: target.constructor,
      propertyName: propertyName as string,
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(
            ([key, v]) => key.length >= 1 && key.length <= 32 && typeof v === 'string' && v.length <= 2048,
          ),
        defaultMessage: (args) =>
          `${args?.property} must map attribute names (1-32 characters) to strings of at most 2048 characters`,
      },
    });
}
