import { describe, expect, it } from 'vitest';
import { callCognito, eachItem } from '../src/cognito/cognito-call.js';
import { toPage } from '../src/cognito/page.js';
import { CognitoException, isCognitoError } from '../src/index.js';

const sdkError = (name: string, message = 'from Cognito') =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });

describe('callCognito', () => {
  it('maps what the call throws to a CognitoException', async () => {
    const error = await callCognito(() => Promise.reject(sdkError('UserNotFoundException'))).catch(
      (e: unknown) => e,
    );
    expect(isCognitoError(error, 'USER_NOT_FOUND')).toBe(true);
  });

  it('lets a rescue answer with a value or its own exception, and leaves the rest to the table', async () => {
    const rescue = (failure: { name: string; message: string }) => {
      if (failure.name === 'UserNotFoundException') return null;
      if (/secret/.test(failure.message)) throw CognitoException.of('NOT_AUTHORIZED', 'replaced');
      return undefined;
    };
    await expect(callCognito(() => Promise.reject(sdkError('UserNotFoundException')), rescue)).resolves.toBe(
      null,
    );
    await expect(
      callCognito(() => Promise.reject(sdkError('NotAuthorizedException', 'bad secret')), rescue),
    ).rejects.toMatchObject({ code: 'NOT_AUTHORIZED', message: 'replaced' });
    await expect(
      callCognito(() => Promise.reject(sdkError('CodeMismatchException')), rescue),
    ).rejects.toMatchObject({ code: 'CODE_MISMATCH' });
    await expect(callCognito(() => Promise.resolve(7), rescue)).resolves.toBe(7);
  });
});

describe('eachItem over an SDK paginator', () => {
  it('yields every item of every page, mapped', async () => {
    async function* pages() {
      yield { Items: [1, 2] };
      yield { Items: [] };
      yield { Items: [3] };
    }
    const seen: string[] = [];
    for await (const item of eachItem(pages(), (page) => page.Items.map(String))) seen.push(item);
    expect(seen).toEqual(['1', '2', '3']);
  });

  it('a failing page is a CognitoException, after the items already given', async () => {
    async function* pages() {
      yield { Items: [1] };
      throw sdkError('TooManyRequestsException');
    }
    const seen: number[] = [];
    const error = await (async () => {
      for await (const item of eachItem(pages(), (page) => page.Items)) seen.push(item);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(isCognitoError(error, 'TOO_MANY_REQUESTS')).toBe(true);
  });
});

describe('toPage', () => {
  it('names the items and the token as the listing does, the token only when there is one', () => {
    expect(toPage('users', [1], 'paginationToken', 'abc')).toEqual({ users: [1], paginationToken: 'abc' });
    expect(toPage('groups', [], 'nextToken', undefined)).toEqual({ groups: [] });
  });
});
