/// <reference lib="dom" />
import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { launchChromium, skipWithoutChromium } from './clients/chromium.js';
import { emailPool, emulatorWithSdk, PASSWORD } from './helpers.js';

describe.skipIf(skipWithoutChromium('inbox.test.ts'))('the inbox page, in headless Chromium', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProvider;
  let browser: Browser;
  beforeAll(async () => {
    ({ emulator, cognito } = await emulatorWithSdk());
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await emulator.stop();
  });

  it('shows each code prominently, newest first, and refreshes itself', async () => {
    const { clientId } = await emailPool(cognito);
    await cognito.signUp({ ClientId: clientId, Username: 'first@example.com', Password: PASSWORD });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const response = await page.goto(`${emulator.endpoint}/_emulator/inbox`);
    expect(response!.headers()['content-type']).toContain('text/html');
    expect(response!.headers()['content-security-policy']).toContain("default-src 'none'");

    const firstCode = emulator.messages({ to: 'first@example.com' })[0]!.code!;
    await page.locator('article .code').first().waitFor();
    expect(await page.locator('article .code').first().textContent()).toBe(firstCode);
    expect(await page.locator('article .to').first().textContent()).toBe('first@example.com');
    const fontSize = await page
      .locator('article .code')
      .first()
      .evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize));
    const bodySize = await page
      .locator('article .body')
      .first()
      .evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(2 * bodySize);

    // A new message appears at the top without a reload.
    await cognito.signUp({ ClientId: clientId, Username: 'second@example.com', Password: PASSWORD });
    const secondCode = emulator.messages({ to: 'second@example.com' })[0]!.code!;
    await page.waitForFunction(() => document.querySelectorAll('article').length === 2, undefined, {
      timeout: 10_000,
    });
    expect(await page.locator('article .to').allTextContents()).toEqual([
      'second@example.com',
      'first@example.com',
    ]);
    expect(await page.locator('article .code').first().textContent()).toBe(secondCode);

    // The filter narrows to one recipient.
    await page.fill('#filter', 'first@');
    expect(await page.locator('article:visible .to').allTextContents()).toEqual(['first@example.com']);
    if (process.env.INBOX_SCREENSHOT) await page.screenshot({ path: process.env.INBOX_SCREENSHOT });
    expect(errors).toEqual([]);
  });

  it('shows user-supplied text as text, never as markup', async () => {
    const { UserPool } = await cognito.createUserPool({
      PoolName: 'markup',
      AutoVerifiedAttributes: ['email'],
      VerificationMessageTemplate: { EmailMessage: 'Hello {username}, code {####}' },
    });
    const { UserPoolClient } = await cognito.createUserPoolClient({
      UserPoolId: UserPool!.Id!,
      ClientName: 'c',
    });
    await cognito.signUp({
      ClientId: UserPoolClient!.ClientId!,
      Username: '<img_src=x_onerror=alert(1)>',
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'markup@example.com' }],
    });
    const page = await browser.newPage();
    await page.goto(`${emulator.endpoint}/_emulator/inbox`);
    await page.getByText('markup@example.com').waitFor();
    expect(await page.locator('article img').count()).toBe(0);
    expect(await page.getByText('Hello <img_src=x_onerror=alert(1)>', { exact: false }).count()).toBe(1);
  });
});
