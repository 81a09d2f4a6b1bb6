import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { emulatorWithSdk, PASSWORD, userWithPassword } from './helpers.js';
import {
  authorizeUrl,
  browse,
  CALLBACK,
  CookieJar,
  formAction,
  hiddenInputs,
  oauthPool,
  SIGNED_OUT,
  signInOnLoginPage,
  submit,
  webClient,
} from './oauth-fixture.js';

/** The managed login over HTTP: its forms, their CSRF token, each step of a sign-in, the account pages. */
describe('managed login (/login, /logout)', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let poolId: string;
  let clientId: string;
  let base: string;
  let count = 0;

  beforeAll(async () => {
    ({ emulator, cognito } = await emulatorWithSdk());
    base = emulator.endpoint;
    poolId = await oauthPool(cognito);
    ({ clientId } = await webClient(cognito, poolId));
  });
  afterAll(() => emulator.stop());

  /** The sign-in page of a fresh browser (or `jar`) for an authorization request. */
  async function loginPage(jar = new CookieJar(), params: Record<string, string> = {}) {
    const toLogin = await browse(authorizeUrl(base, clientId, params), jar);
    const response = await browse(new URL(toLogin.headers.get('location')!, base).toString(), jar);
    return { html: await response.text(), response, jar };
  }
  const codeIn = (response: Response) => {
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    return location.searchParams.get('code');
  };
  const newEmail = () => `login${count++}@example.com`;

  it('serves a page without scripts, framing or caching, with a CSRF cookie and field', async () => {
    const { html, response, jar } = await loginPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).not.toMatch(/<script/i);
    expect(hiddenInputs(html)._csrf).toBe(jar.get('XSRF-TOKEN'));
    expect(response.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('refuses a form without the CSRF token, or with another browser’s (403)', async () => {
    const email = await userWithPassword(cognito, poolId, newEmail());
    const { html, jar } = await loginPage();
    const forged = await submit(
      base,
      html,
      { username: email, password: PASSWORD, _csrf: 'x'.repeat(32) },
      jar,
    );
    expect(forged.status).toBe(403);
    const stranger = await submit(base, html, { username: email, password: PASSWORD }, new CookieJar());
    expect(stranger.status).toBe(403);
  });

  it('shows a wrong password or an unknown user with AWS’s message, and the form again', async () => {
    const email = await userWithPassword(cognito, poolId, newEmail());
    for (const [username, password] of [
      [email, 'Wrong-passw0rd'],
      ['nobody@example.com', PASSWORD],
    ]) {
      const { html, jar } = await loginPage();
      const response = await submit(base, html, { username: username!, password: password! }, jar);
      expect(response.status).toBe(400);
      const page = await response.text();
      expect(page).toContain('Incorrect username or password.');
      expect(page).not.toContain(password!);
      expect(jar.get('cognito')).toBeUndefined();
    }
  });

  it('escapes what it shows (no markup from parameters)', async () => {
    const { html } = await loginPage(new CookieJar(), { state: '"><script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(formAction(html, base)).toContain('state=%22%3E%3Cscript%3E');
  });

  it('NEW_PASSWORD_REQUIRED: a user created by an administrator chooses a password, then is signed in', async () => {
    const email = newEmail();
    await cognito.adminCreateUser({
      UserPoolId: poolId,
      Username: email,
      TemporaryPassword: 'Temp-Passw0rd!',
      MessageAction: 'SUPPRESS',
    });
    const { html, jar } = await loginPage();
    const step = await submit(base, html, { username: email, password: 'Temp-Passw0rd!' }, jar);
    const page = await step.text();
    expect(page).toContain('Change password');
    const weak = await submit(base, page, { password: 'short' }, jar);
    expect(await weak.text()).toContain('Password did not conform with policy');
    const done = await submit(base, page, { password: 'New-Passw0rd!' }, jar);
    expect(codeIn(done)).toBeTruthy();
    const user = await cognito.adminGetUser({ UserPoolId: poolId, Username: email });
    expect(user.UserStatus).toBe('CONFIRMED');
  });

  it('email MFA: the code sent signs in; a wrong one is CodeMismatchException', async () => {
    const mfaPool = await oauthPool(cognito);
    await cognito.setUserPoolMfaConfig({
      UserPoolId: mfaPool,
      MfaConfiguration: 'ON',
      EmailMfaConfiguration: { Message: 'Sign in with {####}', Subject: 'Your code' },
    });
    const mfaClient = await webClient(cognito, mfaPool);
    const email = await userWithPassword(cognito, mfaPool, newEmail());
    await cognito.adminUpdateUserAttributes({
      UserPoolId: mfaPool,
      Username: email,
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    });
    const jar = new CookieJar();
    const toLogin = await browse(authorizeUrl(base, mfaClient.clientId), jar);
    const login = await (
      await browse(new URL(toLogin.headers.get('location')!, base).toString(), jar)
    ).text();
    const challenge = await (await submit(base, login, { username: email, password: PASSWORD }, jar)).text();
    expect(challenge).toContain('Enter the code we sent by email');
    const wrong = await submit(base, challenge, { code: '000000' }, jar);
    expect(await wrong.text()).toContain('Invalid verification code provided, please try again.');
    const sent = emulator
      .messages({ to: email })
      .filter((m) => m.kind === 'MFA')
      .at(-1)!;
    const done = await submit(base, challenge, { code: sent.code! }, jar);
    expect(codeIn(done)).toBeTruthy();
  });

  it('sign up, confirm with the emailed code, then sign in', async () => {
    const email = newEmail();
    const { html, jar } = await loginPage();
    const signUpPage = await (await browse(`${formAction(html, base)}&screen=signup`, jar)).text();
    const confirm = await submit(base, signUpPage, { email, password: PASSWORD }, jar);
    const confirmPage = await confirm.text();
    expect(confirmPage).toContain('Confirm your account');
    const sent = emulator.messages({ to: email }).at(-1)!;
    const signIn = await submit(base, confirmPage, { code: sent.code! }, jar);
    const signInPage = await signIn.text();
    expect(signInPage).toContain('Your account is confirmed');
    expect(codeIn(await submit(base, signInPage, { username: email, password: PASSWORD }, jar))).toBeTruthy();
  });

  it('sign up shows the pool’s password policy error', async () => {
    const { html, jar } = await loginPage();
    const page = await (await browse(`${formAction(html, base)}&screen=signup`, jar)).text();
    const response = await submit(base, page, { email: newEmail(), password: 'weak' }, jar);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Password did not conform with policy');
  });

  it('forgot password: the emailed code sets a new password, which signs in', async () => {
    const email = await userWithPassword(cognito, poolId, newEmail());
    await cognito.adminUpdateUserAttributes({
      UserPoolId: poolId,
      Username: email,
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    });
    const { html, jar } = await loginPage();
    const forgot = await (await browse(`${formAction(html, base)}&screen=forgot`, jar)).text();
    const reset = await (await submit(base, forgot, { username: email }, jar)).text();
    expect(reset).toContain('Reset your password');
    const sent = emulator.messages({ to: email }).at(-1)!;
    const signIn = await (
      await submit(base, reset, { code: sent.code!, password: 'Other-Passw0rd!' }, jar)
    ).text();
    expect(signIn).toContain('Your password was changed');
    expect(
      codeIn(await submit(base, signIn, { username: email, password: 'Other-Passw0rd!' }, jar)),
    ).toBeTruthy();
  });

  it('/logout with a sign-out URL ends the session (the next authorization shows the form)', async () => {
    const email = await userWithPassword(cognito, poolId, newEmail());
    const jar = new CookieJar();
    await signInOnLoginPage(base, authorizeUrl(base, clientId), email, PASSWORD, jar);
    const out = await browse(
      `${base}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`,
      jar,
    );
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe(SIGNED_OUT);
    expect(jar.get('cognito')).toBeUndefined();
    const again = await browse(authorizeUrl(base, clientId), new CookieJar());
    expect(new URL(again.headers.get('location')!, base).pathname).toBe('/login');
  });

  it('/logout keeps the server-side session gone even if the old cookie is replayed', async () => {
    const email = await userWithPassword(cognito, poolId, newEmail());
    const jar = new CookieJar();
    await signInOnLoginPage(base, authorizeUrl(base, clientId), email, PASSWORD, jar);
    const replay = `cognito=${jar.get('cognito')}`;
    await browse(`${base}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`, jar);
    const again = await fetch(authorizeUrl(base, clientId), {
      redirect: 'manual',
      headers: { cookie: replay },
    });
    expect(new URL(again.headers.get('location')!, base).pathname).toBe('/login');
  });

  it('/logout with a logout_uri that is not a sign-out URL shows an error page, never redirecting', async () => {
    const response = await browse(
      `${base}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent('http://evil.test/')}`,
      new CookieJar(),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_mismatch');
  });

  it('/logout with an authorization request signs out and shows the sign-in page for it', async () => {
    const response = await browse(
      `${base}/logout?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}`,
      new CookieJar(),
    );
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location')!, base).pathname).toBe('/login');
  });
});
