import { Module, UseGuards } from '@nestjs/common';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoAuthGuard, CognitoModule, type CognitoUser, CurrentUser, Groups } from '../src/index.js';
import { type Cognito, signedInTokens, startApp, startCognito, type TestApp } from './helpers.js';

@WebSocketGateway()
@UseGuards(CognitoAuthGuard)
class ChatGateway {
  @SubscribeMessage('whoami')
  whoami(@CurrentUser() user: CognitoUser) {
    return { sub: user.sub, groups: user.groups };
  }

  @SubscribeMessage('moderate')
  @Groups('admin')
  moderate(@MessageBody() body: { text: string }) {
    return { moderated: body.text };
  }
}

let cognito: Cognito;
let server: TestApp;
let accessToken: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  cognito = await startCognito();
  const options = cognito.options('public');
  @Module({ imports: [CognitoModule.forRoot(options)], providers: [ChatGateway] })
  class ChatModule {}
  server = await startApp('express', ChatModule);
  ({ accessToken } = await signedInTokens(cognito, 'socket@example.com'));
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.close();
  await cognito?.emulator.stop();
});

async function connect(options: { auth?: Record<string, string>; extraHeaders?: Record<string, string> }) {
  const socket = io(server.url, { transports: ['websocket'], reconnection: false, ...options });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits and resolves with the acknowledgement, or with the `exception` the gateway sent instead. */
function ask(socket: Socket, event: string, body: unknown = {}) {
  return new Promise<{ ack?: unknown; exception?: unknown }>((resolve) => {
    socket.once('exception', (exception: unknown) => resolve({ exception }));
    socket.emit(event, body, (ack: unknown) => resolve({ ack }));
  });
}

describe('CognitoAuthGuard on a Socket.IO gateway', () => {
  it('reads the token from handshake.auth.token', async () => {
    const socket = await connect({ auth: { token: accessToken } });
    const { ack } = await ask(socket, 'whoami');
    expect(ack).toMatchObject({ sub: expect.stringMatching(/^[0-9a-f-]{36}$/), groups: [] });
  });

  it('reads the token from the handshake’s Authorization header', async () => {
    const socket = await connect({ extraHeaders: { authorization: `Bearer ${accessToken}` } });
    expect((await ask(socket, 'whoami')).ack).toMatchObject({ groups: [] });
  });

  it('refuses a missing or invalid token with a WsException carrying the 401 body', async () => {
    for (const auth of [undefined, { token: `${accessToken}x` }]) {
      const socket = await connect(auth ? { auth } : {});
      const { exception, ack } = await ask(socket, 'whoami');
      expect(ack).toBeUndefined();
      expect(exception).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });
    }
  });

  it('refuses a caller outside the group with a 403 body', async () => {
    const socket = await connect({ auth: { token: accessToken } });
    const { exception } = await ask(socket, 'moderate', { text: 'hi' });
    expect(exception).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });
});
