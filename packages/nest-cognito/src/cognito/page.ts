/**
 * One page of a listing, the one shape of every listing of the library: its items under their own
 * name (`users`, `groups`) and, when there are more, the token of the next page under the name
 * Cognito's operation gives it (`paginationToken` for `ListUsers`, `nextToken` for the others), so
 * that a REST caller sends it back under the same name.
 */
export type Page<T, Items extends string, Token extends string = 'nextToken'> = {
  [K in Items]: T[];
} & { [K in Token]?: string };

/** A `Page` of the given items, with the token only when there is one. */
export function toPage<T, Items extends string, Token extends string>(
  items: Items,
  list: T[],
  token: Token,
  next: string | undefined,
): Page<T, Items, Token> {
  return { [items]: list, ...(next ? { [token]: next } : {}) } as Page<T, Items, Token>;
}
