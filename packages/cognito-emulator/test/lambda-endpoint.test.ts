import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { contextOf } from '../src/start.js';
import { arnOf, failureOf, preSignUpEvent } from './lambda-helpers.js';

interface Received {
  method: string;
  path: string;
  invocationType: string | undefined;
  body: unknown;
}

/**
 * A small Lambda Invoke API, as `sam local start-lambda` and LocalStack serve it: `auto-confirm`
 * answers the event confirmed; `rejects` fails as a Node function that threw (200 with
 * `X-Amz-Function-Error: Unhandled`); `slow` never answers; any other name is not found (404).
 */
function lambdaApi(received: Received[]): Server {
  return createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const name = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url ?? '')?.[1];
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        invocationType: req.headers['x-amz-invocation-type'] as string | undefined,
        body: JSON.parse(body || 'null'),
      });
      if (name === 'auto-confirm') {
        const event = JSON.parse(body) as { response: Record<string, boolean> };
        event.response.autoConfirmUser = true;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(event));
      } else if (name === 'rejects') {
        res
          .writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
          .end(JSON.stringify({ errorType: 'Error', errorMessage: 'Not on the guest list', trace: [] }));
      } else if (name === 'garbled') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('not json');
      } else if (name === 'slow') {
        // Never answers: the emulator gives up and aborts the request.
      } else {
        res
          .writeHead(404, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'ResourceNotFoundException',
          })
          .end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
      }
    });
  });
}

describe('Lambda triggers run through a Lambda Invoke API endpoint', () => {
  const received: Received[] = [];
  const api = lambdaApi(received);
  let emulator: RunningEmulator;
  let endpoint: string;
  const invoke = (name: string) => contextOf(emulator).lambdas.invoke(arnOf(name), preSignUpEvent());

  beforeAll(async () => {
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    emulator = await startEmulator({
      port: 0,
      lambdaEndpoint: `${endpoint}/`,
      lambdas: { 'auto-confirm': async (event) => ({ ...event, version: 'in-process wins' }) },
    });
  });
  afterAll(async () => {
    await emulator.stop();
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
  });

  it('posts the event to /2015-03-31/functions/<name>/invocations and answers the response', async () => {
    received.length = 0;
    const arn = `${arnOf('auto-confirm')}:live`;
    const event = { ...preSignUpEvent(), userName: 'endpoint-user' };
    // A function given in process comes first; the same name under another emulator goes to the API.
    expect(await contextOf(emulator).lambdas.invoke(arn, event)).toMatchObject({
      version: 'in-process wins',
    });
    expect(received).toEqual([]);

    const other = await startEmulator({ port: 0, lambdaEndpoint: endpoint });
    try {
      const response = await contextOf(other).lambdas.invoke(arn, event);
      expect(response).toMatchObject({ userName: 'endpoint-user', response: { autoConfirmUser: true } });
      expect(received).toEqual([
        {
          method: 'POST',
          path: '/2015-03-31/functions/auto-confirm/invocations',
          invocationType: 'RequestResponse',
          body: event,
        },
      ]);
      expect(other.lambdaInvocations()[0]).toMatchObject({ route: 'endpoint', functionArn: arn });
    } finally {
      await other.stop();
    }
  });

  it('reports a function error (X-Amz-Function-Error) as the trigger failing with its message', async () => {
    expect(await failureOf(invoke('rejects'))).toEqual({
      type: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Not on the guest list.',
    });
    expect(emulator.lambdaInvocations({ latest: 1 })[0]).toMatchObject({
      route: 'endpoint',
      error: { type: 'UserLambdaValidationException', functionErrorType: 'Error' },
    });
  });

  it('fails as on AWS for a function the endpoint does not have', async () => {
    expect(await failureOf(invoke('unknown-function'))).toEqual({
      type: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error AccessDeniedException.',
    });
  });

  it('refuses a response that is not JSON', async () => {
    expect(await failureOf(invoke('garbled'))).toEqual({
      type: 'InvalidLambdaResponseException',
      message: 'Unrecognizable lambda output',
    });
  });

  it('gives up on a function that does not answer in time', async () => {
    const slow = contextOf(emulator).lambdas.invoke(arnOf('slow'), preSignUpEvent(), { timeoutMs: 200 });
    expect(await failureOf(slow)).toEqual({
      type: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
    });
  });

  it('fails as an invocation failure when the endpoint cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await startEmulator({ port: 0, lambdaEndpoint: `http://127.0.0.1:${port}` });
    try {
      expect(
        await failureOf(contextOf(unreachable).lambdas.invoke(arnOf('auto-confirm'), preSignUpEvent())),
      ).toEqual({
        type: 'UnexpectedLambdaException',
        message: 'PreSignUp invocation failed due to error ECONNREFUSED.',
      });
    } finally {
      await unreachable.stop();
    }
  });
});

describe('the Lambda endpoint setting', () => {
  it('must be an http(s) URL, and the timeout a positive number', async () => {
    await expect(startEmulator({ port: 0, lambdaEndpoint: 'localhost:3002' })).rejects.toThrow(
      'The Lambda endpoint must be an http(s) URL, not localhost:3002.',
    );
    await expect(startEmulator({ port: 0, lambdaTimeoutMs: 0 })).rejects.toThrow(
      'The Lambda timeout must be a positive number of milliseconds, not 0.',
    );
  });
});
