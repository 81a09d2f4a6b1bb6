import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';

/** Attributes by name, as Cognito's `AttributeType` list. */
export function toAttributeList(attributes: Record<string, string>): AttributeType[] {
  return Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
}

/** Cognito's `AttributeType` list, by name. */
export function toAttributeRecord(attributes: AttributeType[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { Name, Value } of attributes ?? []) if (Name) record[Name] = Value ?? '';
  return record;
}
