import { SIGNED_TARGETS } from '../src/targets/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.stop());

const call = (target: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(emulator.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the AWS JSON 1.1 wire protocol', () => {
  it('answers errors with status 400, __type in the body and x-amzn-ErrorType', async () => {
    const response = await call('SignUp', { ClientId: 'nope', Username: 'a', Password: 'b' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'User pool client nope does not exist.',
    });
  });

  it('names an operation it does not implement, and refuses one that does not exist', async () => {
    const unsupported = await call('AdminLinkProviderForUser', {}, { authorization: 'AWS4-HMAC-SHA256 x' });
    expect(unsupported.status).toBe(400);
    expect(await unsupported.json()).toMatchObject({
      __type: 'UnsupportedOperationException',
      message: 'cognito-emulator does not support AdminLinkProviderForUser.',
    });
    const unknown = await call('MakeCoffee', {});
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('refuses a body that is not JSON, or of the wrong type', async () => {
    expect(await (await call('SignUp', '{not json')).json()).toMatchObject({
      __type: 'SerializationException',
    });
    expect(await (await call('SignUp', { ClientId: 7, Username: 'a', Password: 'b' })).json()).toMatchObject({
      __type: 'SerializationException',
    });
  });

  it('requires a SigV4 signature on every management and admin operation', async () => {
    expect(SIGNED_TARGETS.size).toBeGreaterThanOrEqual(11);
    for (const target of SIGNED_TARGETS) {
      const response = await call(target, { PoolName: 'x' });
      expect(response.status).toBe(400);
      expect({ target, ...((await response.json()) as object) }).toMatchObject({
        target,
        __type: 'MissingAuthenticationTokenException',
      });
    }
  });

  it('serves the outbox as JSON, filtered by recipient, and 404 for unknown paths and pools', async () => {
    const messages = await fetch(`${emulator.endpoint}/_emulator/messages?to=nobody@example.com`);
    expect(messages.status).toBe(200);
    expect(await messages.json()).toEqual([]);
    expect((await fetch(`${emulator.endpoint}/us-east-1_nopool123/.well-known/jwks.json`)).status).toBe(404);
    expect((await fetch(`${emulator.endpoint}/nothing-here`)).status).toBe(404);
  });
});
