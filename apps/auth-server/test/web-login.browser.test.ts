/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RunningEmulator } from 'cognito-emulator';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { WEB_ACCESS_COOKIE, webLoginOptions } from '../src/app.module.js';
import { startEmbeddedCognito } from '../src/embedded-cognito.js';
import { post, TEST_SETTINGS } from './server.js';

// The backend-for-frontend web login in a real browser: headless Chromium opens the reference
// server's /auth/oauth/login, signs in on the embedded emulator's managed login page, comes back
// through the callback with the tokens in httpOnly cookies, and reads the guarded /auth/me with
// those cookies only (no script, no Authorization header); then signs out with a form POST.
// Without chromium a developer's run skips and says so; CI (CI=true) fails instead.
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => !!path && existsSync(path),
);
if (!CHROMIUM && !process.env.CI) {
  console.warn(
    'web-login.browser.test.ts: no chromium found (set CHROMIUM_PATH or apt-get install chromium): skipped',
  );
}

const PASSWORD = 'Correct-horse-9';

/** A port nobody listens on now: the callback URL names it before the server starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!CHROMIUM && !process.env.CI)(
  'web login in headless Chromium, through the reference server',
  () => {
    let emulator: RunningEmulator;
    let app: NestFastifyApplication;
    let browser: Browser;
    let origin: string;

    beforeAll(async () => {
      const port = await freePort();
      // Callback URLs over plain HTTP must be on localhost.
      origin = `http://localhost:${port}`;
      const embedded = await startEmbeddedCognito({ port: 0, dataFile: ':memory:', webLoginOrigin: origin });
      emulator = embedded.emulator;
      app = await createApp(embedded.cognito, {
        logger: false,
        settings: {
          ...TEST_SETTINGS,
          webLogin: webLoginOptions(
            { origin, cookieSecret: randomBytes(32).toString('base64url') },
            embedded.domain,
          ),
        },
      });
      await app.listen(port, '127.0.0.1');
      if (!CHROMIUM) throw new Error('chromium is required in CI: apt-get install chromium');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await emulator?.stop();
    });

    it('signs in through the managed login and reads a guarded route with cookies only', async () => {
      const email = 'browser-web-login@example.com';
      const base = `http://127.0.0.1:${new URL(origin).port}`;
      expect((await post(`${base}/auth/sign-up`, { email, password: PASSWORD })).status).toBe(201);
      const code = emulator.messages({ to: email }).at(-1)!.code!;
      expect((await post(`${base}/auth/confirm-sign-up`, { email, code })).status).toBe(204);

      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      // The server sends the browser to the managed login, on the emulator.
      await page.goto(`${origin}/auth/oauth/login?returnTo=%2Fauth%2Fme`);
      expect(new URL(page.url()).origin).toBe(emulator.endpoint);
      await page.fill('input[name="username"]', email);
      await page.fill('input[name="password"]', PASSWORD);
      await Promise.all([page.waitForURL(`${origin}/auth/me`), page.click('button[type="submit"]')]);

      // Back on the server, at returnTo: the guarded profile, read with the cookies alone.
      const profile = JSON.parse((await page.textContent('body'))!) as { email: string };
      expect(profile.email).toBe(email);
      const cookies = await context.cookies(origin);
      const byName = new Map(cookies.map((cookie) => [cookie.name, cookie]));
      for (const name of [WEB_ACCESS_COOKIE, '__Host-cognito-refresh']) {
        expect(byName.get(name)).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
      }
      expect(byName.has('__Host-cognito-login')).toBe(false);
      // No script can read them.
      expect(await page.evaluate(() => document.cookie)).toBe('');

      // A page of another origin of the same site (the emulator's inbox, on localhost) posts a form
      // to the server: the browser sends the cookies (same site), the server refuses the request.
      await page.goto(`http://localhost:${new URL(emulator.endpoint).port}/_emulator/inbox`);
      const [forged] = await Promise.all([
        page.waitForResponse(`${origin}/auth/sign-out`),
        page.evaluate((action) => {
          const form = document.createElement('form');
          form.method = 'POST';
          form.action = action;
          document.body.append(form);
          form.submit();
        }, `${origin}/auth/sign-out`),
      ]);
      expect(forged.status()).toBe(403);
      expect(await forged.json()).toMatchObject({ code: 'CSRF_REJECTED' });
      expect((await page.goto(`${origin}/auth/me`))!.status()).toBe(200);

      // Signing out with the server's own form POST ends the session and comes back to the origin.
      await page.evaluate(() => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = '/auth/oauth/logout';
        document.body.append(form);
        form.submit();
      });
      await page.waitForURL(`${origin}/`);
      expect((await context.cookies(origin)).map((cookie) => cookie.name)).toEqual([]);
      const after = await page.goto(`${origin}/auth/me`);
      expect(after!.status()).toBe(401);
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);
