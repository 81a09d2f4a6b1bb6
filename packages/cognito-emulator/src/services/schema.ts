import { CognitoError } from '../errors.js';
import type { SchemaAttribute } from './model.js';

const string = (Name: string, overrides: Partial<SchemaAttribute> = {}): SchemaAttribute => ({
  Name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
  ...overrides,
});
const boolean = (Name: string): SchemaAttribute => ({
  Name,
  AttributeDataType: 'Boolean',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** The standard attributes every user pool has, as DescribeUserPool lists them. */
export const STANDARD_ATTRIBUTES: readonly SchemaAttribute[] = [
  string('sub', {
    Mutable: false,
    Required: true,
    StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
  }),
  string('name'),
  string('given_name'),
  string('family_name'),
  string('middle_name'),
  string('nickname'),
  string('preferred_username'),
  string('profile'),
  string('picture'),
  string('website'),
  string('email'),
  boolean('email_verified'),
  string('gender'),
  string('birthdate', { StringAttributeConstraints: { MinLength: '10', MaxLength: '10' } }),
  string('zoneinfo'),
  string('locale'),
  string('phone_number'),
  boolean('phone_number_verified'),
  string('address'),
  {
    Name: 'updated_at',
    AttributeDataType: 'Number',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: '0' },
  },
  string('identities', { StringAttributeConstraints: {} }),
];

/**
 * The pool's full schema from CreateUserPool's `Schema`: the standard attributes (a standard one
 * may be made required or immutable) followed by the custom ones, named `custom:<name>`.
 */
export function buildSchema(input: Partial<SchemaAttribute>[] | undefined): SchemaAttribute[] {
  const schema = STANDARD_ATTRIBUTES.map((a) => ({ ...a }));
  for (const attribute of input ?? []) {
    const name = attribute.Name ?? '';
    const standard = schema.find((a) => a.Name === name);
    if (standard) {
      if (attribute.Required !== undefined) standard.Required = attribute.Required;
      if (attribute.Mutable !== undefined) standard.Mutable = attribute.Mutable;
      if (attribute.StringAttributeConstraints)
        standard.StringAttributeConstraints = attribute.StringAttributeConstraints;
      continue;
    }
    if (attribute.Required) {
      throw new CognitoError(
        'InvalidParameterException',
        `Required custom attributes are not supported currently.`,
      );
    }
    schema.push(customAttribute(attribute));
  }
  return schema;
}

/** A custom attribute as the pool keeps it: `custom:` (or `dev:custom:`) before its name. */
export function customAttribute(attribute: Partial<SchemaAttribute>): SchemaAttribute {
  const type = attribute.AttributeDataType ?? 'String';
  const developerOnly = attribute.DeveloperOnlyAttribute ?? false;
  const prefix = developerOnly ? 'dev:custom:' : 'custom:';
  return {
    Name: `${prefix}${attribute.Name}`,
    AttributeDataType: type,
    DeveloperOnlyAttribute: developerOnly,
    Mutable: attribute.Mutable ?? true,
    Required: false,
    ...(type === 'String'
      ? {
          StringAttributeConstraints: attribute.StringAttributeConstraints ?? {
            MinLength: '0',
            MaxLength: '2048',
          },
        }
      : {}),
    ...(type === 'Number' && attribute.NumberAttributeConstraints
      ? { NumberAttributeConstraints: attribute.NumberAttributeConstraints }
      : {}),
  };
}

/**
 * Checks attributes a user writes against the pool's schema: every name must exist, and string
 * values must fit the attribute's length. `problems` follow Cognito's
 * "Attributes did not conform to the schema: <name>: <reason>" form.
 */
export function assertAttributesConform(schema: SchemaAttribute[], attributes: Record<string, string>): void {
  for (const [name, value] of Object.entries(attributes)) {
    const attribute = schema.find((a) => a.Name === name);
    if (!attribute) throw nonConforming(`${name}: Attribute does not exist in the schema.`);
    const max = attribute.StringAttributeConstraints?.MaxLength;
    if (attribute.AttributeDataType === 'String' && max !== undefined && value.length > Number(max)) {
      throw nonConforming(`${name}: String must be no longer than ${max} characters`);
    }
    const min = attribute.StringAttributeConstraints?.MinLength;
    if (attribute.AttributeDataType === 'String' && min !== undefined && value.length < Number(min)) {
      throw nonConforming(`${name}: String must be no shorter than ${min} characters`);
    }
    if (attribute.AttributeDataType === 'Number' && !/^-?\d+(\.\d+)?$/.test(value)) {
      throw nonConforming(`${name}: Number must be a valid number`);
    }
    if (attribute.AttributeDataType === 'Boolean' && value !== 'true' && value !== 'false') {
      throw nonConforming(`${name}: Boolean must be true or false`);
    }
  }
}

/**
 * Attribute names a request reads, deletes or grants must be in the pool's schema, as on AWS:
 * the first that is not (`__proto__`, a typo, an undeclared custom attribute) is refused with
 * `InvalidParameterException` and `message`.
 */
export function assertAttributeNamesExist(
  schema: readonly SchemaAttribute[],
  names: readonly string[],
  message: (name: string) => string,
): void {
  const known = new Set(schema.map((a) => a.Name));
  const unknown = names.find((name) => !known.has(name));
  if (unknown !== undefined) throw new CognitoError('InvalidParameterException', message(unknown));
}

/** Cognito's error for required attributes a new user lacks. */
export function assertRequiredPresent(schema: SchemaAttribute[], attributes: Record<string, string>): void {
  const missing = schema.filter((a) => a.Required && a.Name !== 'sub' && !attributes[a.Name]);
  if (missing.length > 0) {
    throw nonConforming(missing.map((a) => `${a.Name}: The attribute ${a.Name} is required`).join(', '));
  }
}

const nonConforming = (detail: string) =>
  new CognitoError('InvalidParameterException', `Attributes did not conform to the schema: ${detail}`);
