/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startTestServer, type TestServer } from './server.js';

// Passkeys in a real browser: headless Debian Chromium with a virtual authenticator (Chrome DevTools
// Protocol, WebAuthn domain) on a page of the reference server at http://localhost:<port>, whose
// script calls the REST API with fetch: a password sign-in, a passkey registered with
// navigator.credentials.create, then a passwordless sign-in with navigator.credentials.get.
// Without chromium a developer's run skips and says so; CI (CI=true) fails instead.
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => !!path && existsSync(path),
);
if (!CHROMIUM && !process.env.CI) {
  console.warn(
    'passkeys.browser.test.ts: no chromium found (set CHROMIUM_PATH or apt-get install chromium): skipped',
  );
}

const PASSWORD = 'Correct-horse-9';

describe.skipIf(!CHROMIUM && !process.env.CI)(
  'passkeys in headless Chromium, through the reference server',
  () => {
    let server: TestServer;
    let browser: Browser;
    let origin: string;
    beforeAll(async () => {
      server = await startTestServer();
      // The relying party is `localhost`: the page must be on that host for the browser to use it.
      origin = server.url.replace('127.0.0.1', 'localhost');
      if (!CHROMIUM) throw new Error('chromium is required in CI: apt-get install chromium');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    /** A page of the server with a virtual platform authenticator (resident keys, user verification). */
    async function pageWithAuthenticator(): Promise<{
      page: Page;
      errors: string[];
      credentials: () => Promise<number>;
    }> {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
        },
      });
      const response = await page.goto(`${origin}/docs`);
      expect(response!.status()).toBe(200);
      const credentials = async () =>
        (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length;
      return { page, errors, credentials };
    }

    it('registers a passkey with navigator.credentials.create and signs in with navigator.credentials.get', async () => {
      const email = 'browser-passkey@example.com';
      expect((await post(`${server.url}/auth/sign-up`, { email, password: PASSWORD })).status).toBe(201);
      expect(
        (await post(`${server.url}/auth/confirm-sign-up`, { email, code: server.codeFor(email) })).status,
      ).toBe(204);
      const { page, errors, credentials } = await pageWithAuthenticator();

      // In the page: everything a front end does, through the REST API on its own origin.
      const registered = await page.evaluate(
        async ({ email, password }) => {
          const call = async (method: string, path: string, body?: unknown, token?: string) => {
            const response = await fetch(path, {
              method,
              headers: {
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
                ...(token ? { authorization: `Bearer ${token}` } : {}),
              },
              ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });
            const text = await response.text();
            return { status: response.status, body: text ? JSON.parse(text) : undefined };
          };
          const signIn = await call('POST', '/auth/sign-in', { email, password });
          const token = signIn.body.accessToken as string;
          const started = await call('POST', '/auth/passkeys/registration', undefined, token);
          const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(started.body.options);
          const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
          const completed = await call('POST', '/auth/passkeys', { credential: credential.toJSON() }, token);
          const listed = await call('GET', '/auth/passkeys', undefined, token);
          const signedOut = await call('POST', '/auth/sign-out', undefined, token);
          const afterSignOut = await call('GET', '/auth/me', undefined, token);
          return {
            signIn: signIn.status,
            started: started.status,
            rp: started.body.options.rp,
            credentialId: credential.id,
            completed: completed.status,
            listed: listed.body,
            signedOut: signedOut.status,
            afterSignOut: afterSignOut.status,
          };
        },
        { email, password: PASSWORD },
      );
      expect(registered).toMatchObject({
        signIn: 200,
        started: 200,
        rp: { id: 'localhost' },
        completed: 201,
        signedOut: 204,
        afterSignOut: 401,
      });
      expect(registered.listed).toEqual({
        passkeys: [
          expect.objectContaining({ credentialId: registered.credentialId, relyingPartyId: 'localhost' }),
        ],
      });
      expect(await credentials()).toBe(1);

      const signedIn = await page.evaluate(async (email) => {
        const call = async (method: string, path: string, body?: unknown, token?: string) => {
          const response = await fetch(path, {
            method,
            headers: {
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          const text = await response.text();
          return { status: response.status, body: text ? JSON.parse(text) : undefined };
        };
        const challenge = await call('POST', '/auth/sign-in/passwordless', { email, factor: 'WEB_AUTHN' });
        const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(
          challenge.body.credentialRequestOptions,
        );
        const assertion = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential;
        const answer = await call('POST', '/auth/respond-to-challenge', {
          email,
          challenge: 'WEB_AUTHN',
          session: challenge.body.session,
          credential: assertion.toJSON(),
        });
        const me = await call('GET', '/auth/me', undefined, answer.body.accessToken);
        // The same assertion again, on a new challenge: refused.
        const again = await call('POST', '/auth/sign-in/passwordless', { email, factor: 'WEB_AUTHN' });
        const replay = await call('POST', '/auth/respond-to-challenge', {
          email,
          challenge: 'WEB_AUTHN',
          session: again.body.session,
          credential: assertion.toJSON(),
        });
        return {
          challenge: challenge.body.challenge,
          assertionId: assertion.id,
          answer: answer.status,
          tokens: Object.keys(answer.body).sort(),
          me: me.status,
          email: me.body.email,
          replay: replay.status,
        };
      }, email);
      expect(signedIn).toEqual({
        challenge: 'WEB_AUTHN',
        assertionId: registered.credentialId,
        answer: 200,
        tokens: ['accessToken', 'expiresIn', 'idToken', 'refreshToken', 'tokenType'],
        me: 200,
        email,
        replay: 401,
      });
      expect(errors).toEqual([]);
    });
  },
);
