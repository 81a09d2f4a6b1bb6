import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoAuthGuard, CognitoModule, type CognitoUser, CurrentUser } from '../src/index.js';
import { type EmulatedCognito, startEmulatedCognito } from '../src/testing/index.js';
import { MagicLinkController } from './examples/magic-link.controller.js';
import { magicLinkTriggers } from './examples/magic-link.triggers.js';
import { ADAPTERS, type Adapter, bearer, request } from './helpers.js';
import type { AddressInfo } from 'node:net';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ExpressAdapter } from '@nestjs/platform-express';

// The magic-link sign-in of docs/nest-cognito.md, end to end on both adapters: the example's
// triggers run inside the emulated pool (nest-cognito/testing), its controller in the application.
// Sign-in → the link read from where the create trigger "sent" it → the link followed in the same
// browser (its cookie) → tokens → a guarded route. Each link works once, in that browser only.

@Controller('me')
@UseGuards(CognitoAuthGuard)
class MeController {
  @Get()
  me(@CurrentUser() user: CognitoUser) {
    return { sub: user.sub };
  }
}

@Module({
  imports: [CognitoModule.forRoot({ userPoolId: 'eu-west-1_Prod00001', clientId: 'prodclient1234' })],
  controllers: [MagicLinkController, MeController],
})
class AppModule {}

describe.each(ADAPTERS)('magic-link sign-in on %s', (adapter: Adapter) => {
  /** The links the create trigger "emailed", by address: what the user finds in their mailbox. */
  const mailbox = new Map<string, string[]>();
  let cognito: EmulatedCognito;
  let url = '';
  let close = async () => {};
  let users = 0;
  const newEmail = (tag: string) => `link-${tag}-${adapter}-${++users}@example.test`;

  beforeAll(async () => {
    const triggers = magicLinkTriggers(async (email, secret) => {
      const link = `${url}/auth/magic-link?secret=${secret}`;
      mailbox.set(email, [...(mailbox.get(email) ?? []), link]);
    });
    cognito = await startEmulatedCognito({ triggers });
    const moduleRef = await cognito.apply(Test.createTestingModule({ imports: [AppModule] })).compile();
    const app = moduleRef.createNestApplication(
      adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(),
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    close = () => app.close();
  });
  afterAll(async () => {
    await close();
    await cognito?.stop();
  });

  /** Asks for a link; the cookie the browser would keep (`name=value`), if any. */
  async function askForLink(email: string) {
    const answer = await request('POST', `${url}/auth/magic-link`, { email });
    const cookie = answer.headers.get('set-cookie')?.split(';')[0];
    return { status: answer.status, cookie };
  }
  const follow = (link: string, cookie?: string) => request('GET', link, undefined, cookie ? { cookie } : {});

  it('the emailed link, followed in the same browser, signs in; the tokens open a guarded route', async () => {
    const { email, sub } = await cognito.signInAs({ email: newEmail('happy') });
    const { status, cookie } = await askForLink(email);
    expect(status).toBe(202);
    expect(cookie).toMatch(/^magic-link=[\w-]+$/);
    const [link] = mailbox.get(email) ?? [];
    expect(link).toMatch(/\/auth\/magic-link\?secret=[\w-]{43}$/);

    const signedIn = await follow(link!, cookie);
    expect(signedIn).toMatchObject({ status: 200, body: { tokenType: 'Bearer' } });
    expect(signedIn.headers.get('set-cookie')).toMatch(/^magic-link=; Max-Age=0/);
    const me = await request('GET', `${url}/me`, undefined, bearer(signedIn.body.accessToken));
    expect(me).toMatchObject({ status: 200, body: { sub } });
  });

  it('a link works once: followed again it is 401', async () => {
    const { email } = await cognito.signInAs({ email: newEmail('twice') });
    const { cookie } = await askForLink(email);
    const [link] = mailbox.get(email)!;
    expect((await follow(link!, cookie)).status).toBe(200);
    expect((await follow(link!, cookie)).status).toBe(401);
  });

  it('the same link followed in parallel signs in once', async () => {
    const { email } = await cognito.signInAs({ email: newEmail('race') });
    const { cookie } = await askForLink(email);
    const [link] = mailbox.get(email)!;
    const answers = await Promise.all(Array.from({ length: 4 }, () => follow(link!, cookie)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401]);
  });

  it('a wrong secret, or the link in another browser (no cookie), is 401 and no tokens', async () => {
    const { email } = await cognito.signInAs({ email: newEmail('wrong') });
    const { cookie } = await askForLink(email);
    const [link] = mailbox.get(email)!;
    expect((await follow(link!)).status).toBe(401);
    const forged = link!.replace(/secret=.*/, `secret=${'A'.repeat(43)}`);
    expect(await follow(forged, cookie)).toMatchObject({ status: 401 });
    // The wrong secret spent the sign-in: the right one no longer works either.
    expect((await follow(link!, cookie)).status).toBe(401);
  });

  it('an email nobody has is answered alike (202), and nothing is sent', async () => {
    const email = newEmail('nobody');
    const { status } = await askForLink(email);
    expect(status).toBe(202);
    expect(mailbox.get(email)).toBeUndefined();
  });

  it('a body that is not an email is 400', async () => {
    for (const body of [{}, { email: 'not-an-email' }, { email: 'a@example.test', extra: 1 }]) {
      expect((await request('POST', `${url}/auth/magic-link`, body)).status).toBe(400);
    }
  });
});
