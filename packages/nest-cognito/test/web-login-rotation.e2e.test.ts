import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from './helpers.js';
import {
  ACCESS_COOKIE,
  Browser,
  REFRESH_COOKIE,
  setCookieOf,
  signInOnManagedLogin,
  startWebLoginApp,
  type WebLoginApp,
} from './web-login-fixture.js';

describe.each(ADAPTERS)('web login with refresh token rotation, on %s', (adapter) => {
  let app: WebLoginApp;
  const email = `rotation-${adapter}@example.com`;
  beforeAll(async () => {
    app = await startWebLoginApp(adapter, {
      client: { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } },
    });
    await app.user(email);
  });
  afterAll(() => app?.close());

  it('keeps the rotated refresh token: the new one in its cookie, the old one spent', async () => {
    const browser = new Browser(app);
    expect((await browser.go(await signInOnManagedLogin(browser, app, email))).status).toBe(303);
    const first = browser.cookies.get(REFRESH_COOKIE)!.value;
    browser.cookies.delete(ACCESS_COOKIE);
    const hop = await browser.go('/t/me');
    expect(hop.status).toBe(200);
    const rotated = setCookieOf(hop, REFRESH_COOKIE)!;
    expect(rotated.value).not.toBe(first);
    expect(rotated.attributes).toMatchObject({
      httponly: true,
      secure: true,
      'max-age': String(30 * 86_400),
    });

    // The next refresh goes with the rotated token; Cognito no longer takes the first one.
    browser.cookies.delete(ACCESS_COOKIE);
    expect((await browser.go('/t/me')).status).toBe(200);
    const spent = await fetch(`${app.cognito.emulator.endpoint}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: app.clientId,
        refresh_token: first,
      }),
    });
    expect(spent.status).toBe(400);
  });
});
