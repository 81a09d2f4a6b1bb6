import { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { PASSWORD } from './helpers.js';
import { triggerFolder } from './lambda-helpers.js';
import { lastMessage, poolWithTriggers } from './triggers-pool.js';

/**
 * A Lambda Invoke API with one function, `api-custom-message`, which writes the email of every
 * custom message event it receives (and records the events).
 */
function invokeApi(events: unknown[]): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url !== '/2015-03-31/functions/api-custom-message/invocations') {
        res.writeHead(404, { 'x-amzn-errortype': 'ResourceNotFoundException' }).end('{}');
        return;
      }
      const event = JSON.parse(body) as { response: Record<string, unknown> };
      events.push(event);
      event.response.emailMessage = 'From the Invoke API: {####}';
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(event));
    });
  });
}

describe('real triggers through a handler file and through the Lambda Invoke API', () => {
  const folder = triggerFolder();
  const apiEvents: unknown[] = [];
  const api = invokeApi(apiEvents);
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;

  beforeAll(async () => {
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const file = folder.write(
      'pre-sign-up.cjs',
      `exports.handler = (event, context, callback) => {
         event.response.autoConfirmUser = event.request.userAttributes.email.endsWith('@trusted.example');
         callback(null, event);
       };`,
    );
    emulator = await startEmulator({
      port: 0,
      lambdas: { 'file-pre-sign-up': file },
      lambdaEndpoint: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
    });
    cognito = new CognitoIdentityProvider({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    await emulator.stop();
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
    folder.remove();
  });

  it('a pre sign-up handler file (CommonJS, callback style) confirms the users it trusts', async () => {
    const pool = await poolWithTriggers(cognito, { PreSignUp: 'file-pre-sign-up' });
    const trusted = await cognito.signUp({
      ClientId: pool.clientId,
      Username: 'jane@trusted.example',
      Password: PASSWORD,
    });
    const other = await cognito.signUp({
      ClientId: pool.clientId,
      Username: 'joe@other.example',
      Password: PASSWORD,
    });
    expect([trusted.UserConfirmed, other.UserConfirmed]).toEqual([true, false]);
    const records = emulator.lambdaInvocations({ poolId: pool.poolId });
    expect(records.map((r) => [r.route, r.triggerSource])).toEqual([
      ['file', 'PreSignUp_SignUp'],
      ['file', 'PreSignUp_SignUp'],
    ]);
  });

  it('a custom message function behind the Invoke API writes the message that goes out', async () => {
    const pool = await poolWithTriggers(cognito, { CustomMessage: 'api-custom-message' });
    await cognito.signUp({ ClientId: pool.clientId, Username: 'api@example.com', Password: PASSWORD });
    const message = lastMessage(emulator, 'api@example.com')!;
    expect(message.body).toBe(`From the Invoke API: ${message.code}`);
    expect(apiEvents).toEqual([expect.objectContaining({ triggerSource: 'CustomMessage_SignUp' })]);
    expect(emulator.lambdaInvocations({ poolId: pool.poolId }).map((r) => r.route)).toEqual(['endpoint']);
  });
});
