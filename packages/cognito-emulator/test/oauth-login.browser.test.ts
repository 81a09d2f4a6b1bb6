import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { launchChromium, skipWithoutChromium } from './clients/chromium.js';
import { emulatorWithSdk, PASSWORD, userWithPassword } from './helpers.js';
import { authorizeUrl, oauthPool, pkcePair, postForm, webClient } from './oauth-fixture.js';

describe.skipIf(skipWithoutChromium('oauth-login.browser.test.ts'))(
  'managed login in headless Chromium: authorization code with PKCE',
  () => {
    let emulator: RunningEmulator;
    let cognito: CognitoIdentityProvider;
    let browser: Browser;
    let poolId: string;
    let clientId: string;
    const email = 'browser-user@example.com';
    // The app: a real server at the callback and sign-out URLs, recording where the browser lands.
    let app: Server;
    let CALLBACK: string;
    let SIGNED_OUT: string;
    let resolve: (url: URL) => void = () => {};
    const expectLanding = () => new Promise<URL>((r) => (resolve = r));

    beforeAll(async () => {
      app = createServer((req, res) => {
        const url = new URL(req.url!, CALLBACK);
        // Only the landings count (not the browser's own requests, such as its favicon's).
        if (url.pathname !== '/callback' && url.pathname !== '/signed-out') return res.writeHead(204).end();
        resolve(url);
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>app</p>');
      });
      await new Promise<void>((done) => app.listen(0, '127.0.0.1', done));
      const origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
      CALLBACK = `${origin}/callback`;
      SIGNED_OUT = `${origin}/signed-out`;
      ({ emulator, cognito } = await emulatorWithSdk());
      browser = await launchChromium();
      poolId = await oauthPool(cognito);
      ({ clientId } = await webClient(cognito, poolId, {
        CallbackURLs: [CALLBACK],
        LogoutURLs: [SIGNED_OUT],
      }));
      await userWithPassword(cognito, poolId, email);
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await emulator.stop();
      await new Promise((done) => app.close(done));
    });

    const authorize = (params: Record<string, string> = {}) =>
      authorizeUrl(emulator.endpoint, clientId, { redirect_uri: CALLBACK, ...params });

    /** Goes to a URL whose redirects end at the app; where it landed. */
    async function goToApp(page: Page, url: string): Promise<URL> {
      const landed = expectLanding();
      await page.goto(url);
      return landed;
    }

    it('signs in on the page, comes back with a code, redeems it with the verifier', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        // What the page's content security policy refused (its styles, its form's redirect).
        if (message.type() === 'error' && message.text().includes('Refused')) errors.push(message.text());
      });
      const { verifier, challenge } = pkcePair();
      const first = authorize({
        scope: 'openid email',
        state: 'browser-state',
        nonce: 'browser-nonce',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      await page.goto(first);
      expect(new URL(page.url()).pathname).toBe('/login');
      await page.getByLabel('Username').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      const landed = expectLanding();
      await page.getByRole('button', { name: 'Sign in' }).click();
      const back = await landed;
      expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
      expect(back.searchParams.get('state')).toBe('browser-state');

      const { status, body } = await postForm(`${emulator.endpoint}/oauth2/token`, {
        grant_type: 'authorization_code',
        client_id: clientId,
        code: back.searchParams.get('code')!,
        redirect_uri: CALLBACK,
        code_verifier: verifier,
      });
      expect(status).toBe(200);
      const verifierOfIds = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
      verifierOfIds.cacheJwks(
        await (await fetch(`${emulator.endpoint}/${poolId}/.well-known/jwks.json`)).json(),
      );
      expect(await verifierOfIds.verify(body.id_token as string)).toMatchObject({
        email,
        nonce: 'browser-nonce',
      });
      expect(errors).toEqual([]);

      // Signed in: a second authorization skips the form.
      const again = await goToApp(page, authorize({ state: 'second' }));
      expect(again.searchParams.get('state')).toBe('second');
      expect(again.searchParams.get('code')).toBeTruthy();

      // Signed out: the next authorization shows the form again.
      const out = await goToApp(
        page,
        `${emulator.endpoint}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`,
      );
      expect(out.toString()).toBe(SIGNED_OUT);
      await page.goto(authorize());
      expect(new URL(page.url()).pathname).toBe('/login');
      await page.close();
    });

    it('shows a wrong password on the page, and a redirect mismatch as an error page', async () => {
      const page = await browser.newPage();
      await page.goto(authorize());
      await page.getByLabel('Username').fill(email);
      await page.getByLabel('Password').fill('Wrong-passw0rd');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toBe('Incorrect username or password.');
      await page.goto(authorize({ redirect_uri: 'http://evil.test/' }));
      expect(new URL(page.url()).host).not.toBe('evil.test');
      expect(await page.content()).toContain('redirect_mismatch');
      await page.close();
    });
  },
);
