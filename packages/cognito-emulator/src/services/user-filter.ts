import { invalidParameter } from '../errors.js';

/** A ListUsers filter: `name = "value"` (equal) or `name ^= "value"` (starts with). */
export interface UserFilter {
  attribute: string;
  prefix: boolean;
  value: string;
}

/** The attributes ListUsers can filter on, as AWS allows. */
export const FILTERABLE = [
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
] as const;

const FILTER = /^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

export function parseUserFilter(source: string): UserFilter {
  const match = FILTER.exec(source);
  if (!match) throw invalidParameter('Error while parsing filter.');
  const [, attribute, operator, raw] = match;
  if (!(FILTERABLE as readonly string[]).includes(attribute!)) {
    throw invalidParameter(`Invalid search attribute: ${attribute}. Filterable: ${FILTERABLE.join(', ')}.`);
  }
  return { attribute: attribute!, prefix: operator === '^=', value: raw!.replace(/\\(.)/g, '$1') };
}

/** The SQL condition and arguments of a filter over the `users` table. */
export function filterSql(filter: UserFilter): { sql: string; args: (string | number)[] } {
  if (filter.attribute === 'status') {
    const enabled = filter.value === 'Enabled' ? 1 : filter.value === 'Disabled' ? 0 : -1;
    return { sql: 'enabled = ?', args: [enabled] };
  }
  const column =
    filter.attribute === 'username'
      ? 'username'
      : filter.attribute === 'cognito:user_status'
        ? 'status'
        : `json_extract(attributes, '$."${filter.attribute}"')`;
  return filter.prefix
    ? { sql: `substr(${column}, 1, ?) = ?`, args: [filter.value.length, filter.value] }
    : { sql: `${column} = ?`, args: [filter.value] };
}
