import { toCognitoException } from '../errors/cognito.exception.js';

/** What an SDK call threw, before it is mapped: the Cognito error's name and message. */
export interface CognitoFailure {
  name: string;
  message: string;
  error: unknown;
}

/**
 * Turns a failure into the flow's own answer (a value, or a thrown `CognitoException`) where the
 * flow knows better than the table; `undefined` leaves it to `toCognitoException`.
 */
export type Rescue<R> = (failure: CognitoFailure) => R | undefined;

/**
 * Runs one SDK call, turning whatever it throws into a `CognitoException` (after `rescue`, when
 * given, has had its say). Every call of the services goes through here.
 */
export async function callCognito<T, R = never>(
  request: () => Promise<T>,
  rescue?: Rescue<R>,
): Promise<T | R> {
  try {
    return await request();
  } catch (error) {
    const rescued = rescue?.(failureOf(error));
    if (rescued !== undefined) return rescued;
    throw toCognitoException(error);
  }
}

/**
 * Every item of a paginated listing, page after page (an SDK paginator), each page mapped; a
 * failure on any page is a `CognitoException`.
 */
export async function* eachItem<Output, Item>(
  pages: AsyncIterable<Output>,
  itemsOf: (page: Output) => Item[],
): AsyncGenerator<Item> {
  const iterator = pages[Symbol.asyncIterator]();
  for (;;) {
    const next = await callCognito(() => iterator.next());
    if (next.done) return;
    yield* itemsOf(next.value);
  }
}

function failureOf(error: unknown): CognitoFailure {
  const e = error as { name?: unknown; message?: unknown } | undefined;
  return {
    name: typeof e?.name === 'string' ? e.name : '',
    message: typeof e?.message === 'string' ? e.message : '',
    error,
  };
}
